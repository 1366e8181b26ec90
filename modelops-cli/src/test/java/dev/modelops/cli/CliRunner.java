package dev.modelops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints, as a user's terminal would see it. */
final class CliRunner {
    private CliRunner() {
    }

    /**
     * What one invocation did.
     *
     * @param code exit code
     * @param out standard output
     * @param err standard error
     */
    record Result(int code, String out, String err) {
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ModelOpsCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
