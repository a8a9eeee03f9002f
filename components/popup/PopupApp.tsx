export function PopupApp() {
  return (
    <main>
      <h1>Parley</h1>
    </main>
  );
}
