/** Saving and reading files from the options page (a top-level extension page). */

/** Offers text chunks as a download without holding a second copy in a string. */
export function downloadChunks(chunks: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(chunks, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download may still be reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file's text as decoded chunks, streamed (an export can be larger than is comfortable in one string). */
export async function* fileTextChunks(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export function dateStamp(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
