// The page's state in the URL fragment, so that a link reproduces an experiment:
// #s=<base64url of deflate-raw(JSON {source, opt_level, opaque_intrinsics})>,
// or #example=<name> to open one of examples/*.rs.

function toBase64Url(bytes) {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(plain, (c) => c.charCodeAt(0));
}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export async function encodeState(state) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return `s=${toBase64Url(await pipe(json, new CompressionStream("deflate-raw")))}`;
}

// {source, opt_level, opaque_intrinsics} | {example} | null (nothing or unreadable)
export async function decodeState(fragment) {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  if (params.has("example")) return { example: params.get("example") };
  if (!params.has("s")) return null;
  try {
    const json = await pipe(fromBase64Url(params.get("s")), new DecompressionStream("deflate-raw"));
    const state = JSON.parse(new TextDecoder().decode(json));
    if (typeof state.source !== "string") return null;
    return state;
  } catch {
    return null;
  }
}
