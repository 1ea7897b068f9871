// as-hostname: an mgmt-wasm plugin written in AssemblyScript with
// sdk/assemblyscript. Its kind "ashostname" keeps the file at `path` holding
// `prefix`, the node's hostname (asked of the host) and a newline; the
// host's watch on the path brings a drifted file back.
//
// Build (make does it: mk/langs.mk):
//   ../../../sdk/assemblyscript/node_modules/.bin/asc assembly/index.ts -o dist/as-hostname.wasm \
//     --optimize --use abort= --exportStart _initialize

import {
  INVALID,
  INFO,
  NOT_FOUND,
  Kind,
  Param,
  Res,
  TYPE_STR,
  hostname,
  log,
  readFile,
  register,
  setPlugin,
  writeFile,
} from "../../../../sdk/assemblyscript/assembly/index";

export {
  mgmt_abi_version,
  alloc,
  dealloc,
  describe,
  validate,
  watch,
  check,
  apply,
} from "../../../../sdk/assemblyscript/assembly/index";

function validatePath(r: Res): void {
  const path = r.str("path");
  if (!path.startsWith("/")) r.fail(INVALID, "path", "path " + path + " is not absolute");
}

function watchPath(r: Res): void {
  r.watchPath(r.str("path"), false);
}

function checkApply(r: Res, apply: bool): i32 {
  const path = r.str("path");
  const host = hostname();
  if (!host.ok) return r.fail(host.code, "", "hostname: error " + host.code.toString());
  const want = Uint8Array.wrap(String.UTF8.encode(r.str("prefix") + host.value + "\n", false));
  const have = readFile(path);
  if (have.ok && have.value.length == want.length && memory.compare(have.value.dataStart, want.dataStart, want.length) == 0) {
    return 1;
  }
  if (!have.ok && have.code != NOT_FOUND) return r.fail(have.code, "path", "read " + path + ": error " + have.code.toString());
  if (!apply) return 0;
  const code = writeFile(path, want, 0);
  if (code != 0) return r.fail(code, "path", "write " + path + ": error " + code.toString());
  log(INFO, "wrote the hostname " + host.value + " to " + path);
  return 0;
}

// The paths are the user's to choose; `mgmt plugin install --allow` narrows them.
setPlugin("as-hostname", "0.1.0", ["fs.read:/", "fs.write:/"]);
register(
  new Kind(
    "ashostname",
    [new Param("path", TYPE_STR), new Param("prefix", TYPE_STR)],
    validatePath,
    watchPath,
    checkApply,
  ),
);
