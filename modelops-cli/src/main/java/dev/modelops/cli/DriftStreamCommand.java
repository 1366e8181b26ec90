package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.data.CsvTables;
import dev.modelops.core.data.Table;
import dev.modelops.core.util.Json;
import dev.modelops.drift.stream.Adwin;
import dev.modelops.drift.stream.ChangeDetector;
import dev.modelops.drift.stream.Ddm;
import dev.modelops.drift.stream.PageHinkley;
import dev.modelops.drift.stream.StreamScan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelops drift stream --detector adwin FILE}: runs a streaming change detector over a
 * model's error stream (one number per line, or a CSV column) and prints the indexes at which
 * it signals a change. Exit 3 when it signals one, 0 when not.
 */
@Command(name = "stream", description = "Run a change detector (ADWIN, Page-Hinkley, DDM) over a stream of numbers, "
        + "e.g. a model's errors (1 wrong, 0 right). Exit codes: 0 no change, 3 change detected, 2 bad input.")
final class DriftStreamCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "One number per line, or a CSV file with --column.")
    Path file;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "adwin",
            description = "adwin, page-hinkley or ddm. Default: ${DEFAULT-VALUE}.")
    String detector;

    @Option(names = "--column", paramLabel = "NAME", description = "Read this column of a CSV file (with a header).")
    String column;

    @Option(names = "--delta", paramLabel = "X", description = "ADWIN confidence (0.002) or Page-Hinkley tolerance (0.005).")
    Double delta;

    @Option(names = "--lambda", paramLabel = "X", description = "Page-Hinkley threshold. Default 50.")
    Double lambda;

    @Option(names = "--alpha", paramLabel = "X", description = "Page-Hinkley fading factor. Default 0.9999.")
    Double alpha;

    @Option(names = "--direction", paramLabel = "DIR", description = "Page-Hinkley: up, down or both. Default up.")
    String direction;

    @Option(names = "--min-instances", paramLabel = "N", description = "Page-Hinkley and DDM: values before judging. Default 30.")
    Integer minInstances;

    @Option(names = "--warning", paramLabel = "X", description = "DDM warning level. Default 2.0.")
    Double warning;

    @Option(names = "--drift-level", paramLabel = "X", description = "DDM drift level. Default 3.0.")
    Double driftLevel;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new InputError("--format " + format, "expected table or json");
        }
        ChangeDetector d = detector();
        double[] values = column == null ? lines() : column();
        if (values.length == 0) {
            throw new InputError(file.toString(), "no values");
        }
        StreamScan scan = StreamScan.run(d, values);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(Json.pretty(scan));
        } else {
            out.printf("%s over %d values: %s%n", scan.detector(), scan.values(), scan.changes().isEmpty()
                    ? "no change" : "change signalled at index " + join(scan.changes()) + " (0-based)");
            if (!scan.warnings().isEmpty()) {
                out.printf("warning zones began at %s%n", join(scan.warnings()));
            }
        }
        out.flush();
        return scan.changes().isEmpty() ? ModelOpsCli.OK : ModelOpsCli.DRIFT;
    }

    private ChangeDetector detector() {
        try {
            return switch (detector.toLowerCase(Locale.ROOT)) {
                case "adwin" -> {
                    reject("--lambda", lambda);
                    reject("--alpha", alpha);
                    reject("--direction", direction);
                    reject("--min-instances", minInstances);
                    reject("--warning", warning);
                    reject("--drift-level", driftLevel);
                    require("--delta", delta == null || (delta > 0 && delta < 1), "ADWIN's confidence must be between 0 and 1 "
                            + "(exclusive)");
                    yield new Adwin(delta == null ? Adwin.DEFAULT_DELTA : delta);
                }
                case "page-hinkley", "ph" -> {
                    reject("--warning", warning);
                    reject("--drift-level", driftLevel);
                    require("--min-instances", minInstances == null || minInstances >= 1, "expected at least 1");
                    require("--delta", delta == null || delta >= 0, "Page-Hinkley's tolerance must be at least 0");
                    require("--lambda", lambda == null || lambda > 0, "Page-Hinkley's threshold must be above 0");
                    require("--alpha", alpha == null || (alpha > 0 && alpha <= 1), "Page-Hinkley's fading factor must be "
                            + "above 0 and at most 1");
                    yield new PageHinkley(minInstances == null ? PageHinkley.DEFAULT_MIN_INSTANCES : minInstances,
                            delta == null ? PageHinkley.DEFAULT_DELTA : delta,
                            lambda == null ? PageHinkley.DEFAULT_LAMBDA : lambda,
                            alpha == null ? PageHinkley.DEFAULT_ALPHA : alpha, direction());
                }
                case "ddm" -> {
                    reject("--delta", delta);
                    reject("--lambda", lambda);
                    reject("--alpha", alpha);
                    reject("--direction", direction);
                    require("--min-instances", minInstances == null || minInstances >= 1, "expected at least 1");
                    require("--warning", warning == null || warning > 0, "DDM's warning level must be above 0");
                    double w = warning == null ? Ddm.DEFAULT_WARNING : warning;
                    double level = driftLevel == null ? Ddm.DEFAULT_DRIFT : driftLevel;
                    if (!(level >= w)) {
                        if (driftLevel != null) {
                            require("--drift-level", false, "DDM's drift level must be at least the warning level ("
                                    + (warning == null ? "default " : "") + w + ")");
                        }
                        require("--warning", false, "DDM's warning level must be at most the drift level (default "
                                + level + "; raise it with --drift-level)");
                    }
                    yield new Ddm(minInstances == null ? Ddm.DEFAULT_MIN_INSTANCES : minInstances,
                            warning == null ? Ddm.DEFAULT_WARNING : warning, driftLevel == null ? Ddm.DEFAULT_DRIFT : driftLevel);
                }
                default -> throw new InputError("--detector " + detector, "expected adwin, page-hinkley or ddm");
            };
        } catch (IllegalArgumentException e) {
            throw new InputError("--detector " + detector, e.getMessage());
        }
    }

    private PageHinkley.Direction direction() {
        if (direction == null) {
            return PageHinkley.Direction.UP;
        }
        for (PageHinkley.Direction d : PageHinkley.Direction.values()) {
            if (d.name().equalsIgnoreCase(direction)) {
                return d;
            }
        }
        throw new InputError("--direction " + direction, "expected up, down or both");
    }

    /** Refuses a detector parameter out of its range, naming the flag and the value as typed. */
    private void require(String flag, boolean ok, String problem) {
        if (!ok) {
            String typed = spec.commandLine().getParseResult().matchedOption(flag).originalStringValues().stream()
                    .reduce((first, second) -> second).orElse("");
            throw new InputError(flag + " " + typed, problem);
        }
    }

    private void reject(String flag, Object value) {
        if (value != null) {
            throw new InputError(flag, "does not apply to --detector " + detector);
        }
    }

    private double[] lines() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputError(file.toString(), "file not found");
        } catch (IOException e) {
            throw new InputError(file.toString(), "cannot read: " + e.getMessage());
        }
        double[] out = new double[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                out[n++] = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new InputError(file + ":" + (i + 1), "expected a number, got '" + t + "'"
                        + (t.contains(",") ? " (a CSV file? name the column with --column)" : ""));
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private double[] column() {
        Table t = CsvTables.read(file, Set.of("NA"));
        if (!t.hasColumn(column)) {
            throw new InputError(file + ":1", "no column '" + column + "'; columns: " + String.join(", ", t.columns()));
        }
        int c = t.columnIndex(column);
        double[] out = new double[t.size()];
        int n = 0;
        for (int r = 0; r < t.size(); r++) {
            String cell = t.text(r, c);
            if (cell == null) {
                continue;
            }
            try {
                out[n++] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new InputError(file + ":" + t.lineOf(r), "column '" + column + "': expected a number, got '" + cell + "'");
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static String join(List<Long> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
