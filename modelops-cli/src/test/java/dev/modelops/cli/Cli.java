package dev.modelops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the modelops command in this JVM and captures what it prints. */
record Cli(int code, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ModelOpsCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    /** Standard error, line by line (none when nothing was printed). */
    String[] errLines() {
        return err.isEmpty() ? new String[0] : err.split("\\R");
    }

    /** The run id from the first line 'run ID: pipeline ...' of 'modelops run'. */
    String runId() {
        String first = out.lines().findFirst().orElseThrow();
        return first.substring("run ".length(), first.indexOf(':'));
    }
}
