package dev.quotacli.pass;

/** quota-cli's exit codes; cron and systemd read them, so they never change meaning. */
public enum ExitCode {
  /** Every target succeeded and the output was written. */
  OK(0),
  /** Fatal: nothing was written and the previous output file is untouched. */
  FATAL(1),
  /** A usage or configuration error (bad flag, quotas.yaml, accounts file). */
  USAGE(2),
  /** Some targets failed; the output was written and the failures are in the self-metrics. */
  PARTIAL(3),
  /** Another run of the same subcommand and shard holds the lock; nothing was touched. */
  LOCKED(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
