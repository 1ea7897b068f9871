//! Reading files through fs_read: comparing a file with an expected
//! content while reading no more than needed, and reading a whole file.

use crate::mgmt::{self, Error, Stat};

/// The most one read asks for.
const READ_CHUNK: usize = 1 << 20;

/// One fs_read of up to `limit` bytes of `path` at `off` (clamped to
/// `READ_CHUNK`), with the file's stat too when `want_stat`.
fn read_at(path: &str, off: usize, limit: usize, want_stat: bool) -> Result<mgmt::ReadChunk, Error> {
    let limit = if limit == 0 || limit > READ_CHUNK { READ_CHUNK } else { limit };
    mgmt::fs_read_at(path, off as u64, limit as u64, want_stat)
}

/// Whether the content of `path` is exactly `want`, reading no more than
/// `want.len()+1` bytes: one read for a small file.
pub fn read_equal(path: &str, want: &[u8]) -> Result<bool, Error> {
    read_equal_stat(path, want).map(|(same, _)| same)
}

/// `read_equal` that also returns the stat of the file it read, which the
/// host answers with the first read (None when it does not): a check that
/// goes on to the file's mode or owner, or replaces the file, needs no
/// fs_stat then.
pub fn read_equal_stat(path: &str, want: &[u8]) -> Result<(bool, Option<Stat>), Error> {
    let mut off = 0;
    let mut st = None;
    loop {
        let mut resp = read_at(path, off, want.len() - off + 1, off == 0).map_err(|e| e.context(&format!("read {}", path)))?;
        if off == 0 {
            st = resp.stat.take();
        }
        let data = resp.data();
        let n = data.len();
        if off + n > want.len() || data != &want[off..off + n] {
            return Ok((false, st));
        }
        off += n;
        if resp.eof || n == 0 {
            return Ok((off == want.len(), st));
        }
    }
}

/// The content of `path`, whose size is about `size` (from a stat): it asks
/// for size+1 bytes, then reads on if the file grew.
pub fn read_sized(path: &str, size: u64) -> Result<Vec<u8>, Error> {
    let mut data = Vec::with_capacity(size.min(READ_CHUNK as u64) as usize);
    loop {
        let want = (size as usize + 1).saturating_sub(data.len()); // 0 (a whole chunk) once it grew
        let resp = read_at(path, data.len(), want, false).map_err(|e| e.context(&format!("read {}", path)))?;
        let d = resp.data();
        data.extend_from_slice(d);
        if resp.eof || d.is_empty() {
            return Ok(data);
        }
    }
}
