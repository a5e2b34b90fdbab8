/** The Food-11 image dataset: indexing either layout once, and reading files at fire time. */
export { bundledFood11Root } from "./bundled";
export { FOOD11_CATEGORIES, type Food11Category, food11Category } from "./categories";
export {
  classifyPath,
  food11Index,
  type ImageEntry,
  type ImageIndex,
  scanFood11,
} from "./food11-index";
export { readImage } from "./read-image";
