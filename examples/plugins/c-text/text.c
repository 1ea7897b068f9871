/*
 * c-text: an mgmt-wasm plugin written in C with sdk/c/mgmt.h. Its kind
 * "ctext" keeps a file's content equal to the param `content`: check reads
 * the file through the host, apply writes it atomically, and the host's
 * watch on the path brings a drifted file back.
 *
 * Build (make does it: mk/langs.mk):
 *   clang --target=wasm32-wasi -mexec-model=reactor -O2 -I ../../../sdk/c -o dist/c-text.wasm text.c
 */
#define MGMT_IMPLEMENTATION
#include "mgmt.h"

static int validate(mgmt_res *r) {
  char *path = mgmt_str(r, "path", NULL);
  int rc = 0;
  if (path[0] != '/') rc = mgmt_fail(r, MGMT_INVALID, "path", "path %s is not absolute", path);
  free(path);
  return rc;
}

static int watch(mgmt_res *r) {
  char *path = mgmt_str(r, "path", NULL);
  mgmt_watch_path(r, path, 0);
  free(path);
  return 0;
}

static int check_apply(mgmt_res *r, int apply) {
  uint32_t want_len, have_len = 0;
  char *path = mgmt_str(r, "path", NULL);
  char *want = mgmt_str(r, "content", &want_len);
  uint8_t *have = NULL;
  int rc = mgmt_fs_read(path, &have, &have_len);
  int ok;
  if (rc == 0 && have_len == want_len && !memcmp(have, want, want_len)) {
    ok = 1;
  } else if (rc != 0 && rc != -MGMT_NOT_FOUND) {
    ok = mgmt_fail(r, rc, "path", "read %s: error %d", path, -rc);
  } else if (!apply) {
    ok = 0;
  } else if ((rc = mgmt_fs_write(path, want, want_len, 0)) != 0) {
    ok = mgmt_fail(r, rc, "path", "write %s: error %d", path, -rc);
  } else {
    mgmt_log(MGMT_INFO, "wrote %u bytes to %s",
             (unsigned)want_len, path);
    ok = 0;
  }
  free(have);
  free(want);
  free(path);
  return ok;
}

static const mgmt_param params[] = {
    {"path", MGMT_TYPE_STR},
    {"content", MGMT_TYPE_STR},
};
static const mgmt_kind kinds[] = {
    {"ctext", params, 2, validate, watch, check_apply},
};
/* The paths are the user's to choose: it asks for the whole tree, and
 * `mgmt plugin install --allow` narrows the grant. */
static const char *const caps[] = {"fs.read:/", "fs.write:/"};
const mgmt_plugin_info mgmt_plugin = {"c-text", "0.1.0", kinds, 1, caps, 2};
