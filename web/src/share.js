// Sharing by URL: the two texts, deflated and base64url-encoded, in the fragment (which is never
// sent to a server). Decoding a fragment that is not one of ours gives null, never an error.
async function deflate(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

function toBase64url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function encodeShare(agreement, input) {
  return `#v1.${toBase64url(await deflate(JSON.stringify({ agreement, input })))}`;
}

export async function decodeShare(hash) {
  if (!hash.startsWith('#v1.')) return null;
  try {
    const value = JSON.parse(await inflate(fromBase64url(hash.slice(4))));
    if (typeof value.agreement !== 'string' || typeof value.input !== 'string') return null;
    return value;
  } catch {
    return null;
  }
}
