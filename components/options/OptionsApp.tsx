export function OptionsApp() {
  return (
    <main>
      <h1>Parley options</h1>
    </main>
  );
}
