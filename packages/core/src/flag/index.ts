export { FlagWrite } from "./flag.write";
export { CreateFlag, Flag } from "./schema";
