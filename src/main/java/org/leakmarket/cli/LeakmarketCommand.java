package org.leakmarket.cli;

import java.io.PrintWriter;
import org.leakmarket.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: lists the subcommands of contracts section 1. */
@Command(
    name = "leakmarket",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Measures the black market in stolen personal and financial data: what a record is advertised at,",
      "and how many people are exposed. Runs on Spark (local[*] by default, or --master URL)."
    },
    subcommands = {
      DemoCommand.class,
      StageCommands.Run.class,
      StageCommands.Ingest.class,
      StageCommands.Normalize.class,
      StageCommands.Analyze.class,
      StageCommands.Publish.class,
      ParseCommand.class,
      ExportCommand.class,
      ReproduceCommand.class,
      GenerateCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Exit codes: 0 done; 2 usage error; 3 bad input; 1 anything else."})
public final class LeakmarketCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(LeakmarketCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /** Parses and runs; a user error becomes one line on stderr and its exit code. */
  public static int execute(String... args) {
    return execute(null, args);
  }

  /** As {@link #execute(String...)}, the error line written to {@code err} (null: stderr). */
  public static int execute(PrintWriter errOut, String... args) {
    CommandLine cl = new CommandLine(new LeakmarketCommand());
    if (errOut != null) {
      cl.setErr(errOut);
    }
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          Throwable cause = ex;
          while (cause != null && !(cause instanceof UserException)) {
            cause = cause.getCause();
          }
          PrintWriter err = cmd.getErr();
          if (cause instanceof UserException ue) {
            err.println("leakmarket: " + ue.getMessage());
            err.flush();
            return ue.exitCode();
          }
          // Unexpected: keep the stack trace in the log for the developer, one line for the user.
          LOG.error("failed", ex);
          err.println("leakmarket: failed: " + ex);
          err.flush();
          return UserException.FAILURE;
        });
    return cl.execute(args);
  }
}
