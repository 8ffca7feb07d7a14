// Mounts: mount(2), umount2(2), pivot_root, switch_root helpers (issue 10)
export {};
