// switch_root — switch to another file system as the root of the mount tree.
// chimerautils switch_root(8): switch_root new_root init [init_args ...]
// Run as PID 1 from an initramfs: /dev, /proc, /run and /sys (each one that is a mount of its
// own) are moved under new_root (if new_root already has something mounted there, or lacks the
// directory, the old one is detached instead); then chdir(new_root), the new root is moved onto
// "/" (MS_MOVE), chroot("."), chdir("/"), and when the old root is a tmpfs or ramfs its files are
// deleted through a descriptor kept open on it (never crossing into another file system; any
// other old root is left alone: "old rootfs is not an initramfs"); finally init replaces the
// process (execv: no PATH search) with init_args as its argv.
// Deviations: an error rather than a crash on missing operands ("usage: ...", status 1); not
// being PID 1 is an error (status 1); the old root is emptied before init starts (chimerautils
// forks a child to do it; this runtime cannot fork), and a pseudo file system missing from the
// old root is skipped silently. Failures print "switch_root: what: strerror" with status 1.
import { defineApplet, usage, err, errx, warn, warnx } from "@bsdbox/shared";
import {
  stat, statAt, fstat, mount, umount2, MS, MNT, chdir, chroot, open, close, O, getpid, accessErr,
  execve, fstatfsType, FS_MAGIC, openat, unlinkat, readdirTypedFd, DT, S_ISDIR, SysError,
} from "@bsdbox/compat";
import type { Ctx } from "@bsdbox/shared";

/** Delete everything below directory descriptor fd that is on the same file system; fd is closed. */
function empty(ctx: Ctx, fd: number): void {
  try {
    const dev = fstat(fd).dev;
    const { names, types } = readdirTypedFd(fd);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      let isdir = false;
      if (types[i] === DT.DIR || types[i] === DT.UNKNOWN) {
        let st;
        try {
          st = statAt(fd, name, false);
        } catch (e) {
          warn(ctx, `fstatat(${name})`, e);
          continue;
        }
        if (st.dev !== dev) continue; // another file system (a mount point): leave it
        if (S_ISDIR(st.mode)) {
          isdir = true;
          let cfd = -1;
          try {
            cfd = openat(fd, name, O.RDONLY | O.DIRECTORY | O.NOFOLLOW);
          } catch (e) {
            warn(ctx, `openat(${name})`, e);
          }
          if (cfd >= 0) empty(ctx, cfd);
        }
      }
      try {
        unlinkat(fd, name, isdir);
      } catch (e) {
        warn(ctx, `unlinkat(${name})`, e);
      }
    }
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    warn(ctx, "readdir", e);
  } finally {
    close(fd);
  }
}

export default defineApplet({
  name: "switch_root",
  main(ctx) {
    const a = ctx.args;
    if (a.length < 2) usage(ctx, `usage: ${ctx.prog} new_root init [init_args]...`);
    const root = a[0]!, init = a[1]!, iargs = a.slice(1);
    if (root === "" || init === "") errx(ctx, 1, "bad usage");
    if (getpid() !== 1) errx(ctx, 1, "not run as PID 1");
    const env = [...ctx.env];

    let oroot, nroot;
    try {
      oroot = stat("/");
    } catch (e) {
      err(ctx, 1, "stat(old root)", e);
    }
    try {
      nroot = stat(root);
    } catch (e) {
      err(ctx, 1, "stat(new root)", e);
    }
    for (const fsp of ["/dev", "/proc", "/run", "/sys"]) {
      const mnt = root.replace(/\/+$/, "") + fsp;
      let st;
      try {
        st = stat(fsp);
      } catch {
        continue; // nothing to move
      }
      if (st.dev === oroot.dev) continue; // part of the old root itself
      let there;
      try {
        there = stat(mnt);
      } catch {}
      if (!there || there.dev !== nroot.dev) {
        // no place for it, or something is mounted there already
        try { umount2(fsp, MNT.DETACH); } catch {}
        continue;
      }
      try {
        mount(fsp, mnt, null, MS.MOVE, null);
      } catch (e) {
        warn(ctx, `mount(${fsp} -> ${mnt}), forcing unmount`, e);
        try { umount2(fsp, MNT.FORCE); } catch {}
      }
    }
    try {
      chdir(root);
    } catch (e) {
      err(ctx, 1, "chdir(new root)", e);
    }
    let ofd = -1;
    try {
      ofd = open("/", O.RDONLY | O.DIRECTORY);
    } catch (e) {
      err(ctx, 1, "open(old root)", e);
    }
    try {
      mount(".", "/", null, MS.MOVE, null);
    } catch (e) {
      close(ofd);
      err(ctx, 1, "mount(new root, move)", e);
    }
    try {
      chroot(".");
    } catch (e) {
      err(ctx, 1, "chroot", e);
    }
    try {
      chdir("/");
    } catch (e) {
      err(ctx, 1, "chdir(/)", e);
    }
    let magic = 0;
    try {
      magic = fstatfsType(ofd);
    } catch {}
    if (magic === FS_MAGIC.TMPFS || magic === FS_MAGIC.RAMFS) empty(ctx, ofd);
    else {
      warnx(ctx, "old rootfs is not an initramfs");
      close(ofd);
    }
    const why = accessErr(init, 1 /* X_OK */);
    if (why) warn(ctx, `cannot access ${init}`, why);
    ctx.out.flush();
    try {
      execve(init, iargs, env);
    } catch (e) {
      err(ctx, 1, "execv", e);
    }
  },
});
