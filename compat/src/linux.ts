// Linux-specific calls for the util-linux tools: ioprio, affinity, personality, BLKPG, reboot, FIFREEZE (issue 10)
export {};
