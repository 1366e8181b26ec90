package dev.modelops.cli;

import dev.modelops.core.InputError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code modelops} command. A thin shell: every subcommand parses its arguments, calls the
 * domain modules and prints. Exit codes: 0 ok, 1 a task or gate failed, 2 bad input (one line on
 * stderr naming the place; a stack trace only with {@code --debug}).
 */
@Command(name = "modelops", versionProvider = VersionCommand.Provider.class,
        description = "Train, check, harden, compress, deploy, promote and watch ML models from a modelops.yaml.",
        subcommands = {ValidateCommand.class, PlanCommand.class, RunCommand.class, StepCommand.class, GateCommand.class,
                DriftCommand.class, ImportIdxCommand.class, ImportModelCommand.class, ServeModelCommand.class,
                PromoteCommand.class, LineageCommand.class, ServeCommand.class, ReportCommand.class, GenerateCommand.class,
                VersionCommand.class,
                HelpCommand.class})
public final class ModelOpsCli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int DRIFT = 3;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    boolean debug;

    // inherited, so every command and subcommand answers --help (even without its required arguments)
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = CommandLine.ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;

    // not inherited: 'drift check --version N' picks a model version
    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        configureLogging(debug);
        CommandLine cli = new CommandLine(new ModelOpsCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InputError input) {
                err.println("modelops: " + input.getMessage());
                if (debug) {
                    ex.printStackTrace(err);
                }
                return BAD_INPUT;
            }
            err.println("modelops: error: " + describe(ex) + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            return FAILED;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            // picocli words a malformed map option "Value for option option '--set' ..."
            err.println("modelops: " + ex.getMessage().replace("option option '", "option '"));
            String path = commandPath(ex.getCommandLine());
            err.println("Try 'modelops " + (path.isEmpty() ? "" : path + " ") + "--help' for usage.");
            return BAD_INPUT;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Library logs (Flyway, Tribuo, XGBoost) are for operators: warnings only, unless
     * {@code --debug} or {@code MODELOPS_LOG_LEVEL} asks for more. They go to stderr.
     */
    private static void configureLogging(boolean debug) {
        String level = System.getenv().getOrDefault("MODELOPS_LOG_LEVEL", debug ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        java.util.logging.Level julLevel = switch (level.toLowerCase(java.util.Locale.ROOT)) {
            case "trace", "debug" -> java.util.logging.Level.FINE;
            case "info" -> java.util.logging.Level.INFO;
            case "error" -> java.util.logging.Level.SEVERE;
            default -> java.util.logging.Level.WARNING;
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(julLevel);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(julLevel);
        }
    }

    private static String commandPath(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.startsWith("modelops ") ? name.substring("modelops ".length()) : "";
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null ? ex.getClass().getSimpleName() : message;
    }
}
