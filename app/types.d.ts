// @types/react-dom only types "react-dom/server"; its web-streams build is the one Bun needs
// (the Node build has no renderToReadableStream).
declare module "react-dom/server.browser" {
  export { renderToReadableStream, renderToString } from "react-dom/server";
}

// The classic compiler turns a CSS import into the URL of the hashed file.
declare module "*.css" {
  const href: string;
  export default href;
}
