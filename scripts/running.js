// Whether a process is alive, by its id: for what a process leaves behind under its id (a test
// run's bundle, a test process's PostgreSQL databases) and the next run removes once it is gone.
export function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM'; // alive, another user's
  }
}
