package dev.modelops.core.spec;

import dev.modelops.core.InputError;
import dev.modelops.core.data.CsvTables;
import dev.modelops.core.data.RowFilter;
import dev.modelops.core.plan.Planner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Checks a bound spec for everything that would otherwise fail half-way through a run:
 * references between sections, files and their headers, splits, triggers, and (through the
 * planner) every pipeline's tasks and graph. Module rules plug in as {@link SpecRule}s.
 * Reports all problems at once, one line each.
 */
public final class SpecValidator {
    private final Planner planner;
    private final List<SpecRule> rules;

    public SpecValidator(Planner planner, List<SpecRule> rules) {
        this.planner = planner;
        this.rules = List.copyOf(rules);
    }

    public static SpecValidator discover(Planner planner) {
        List<SpecRule> rules = new ArrayList<>();
        ServiceLoader.load(SpecRule.class).forEach(rules::add);
        return new SpecValidator(planner, rules);
    }

    public void validate(ModelOpsSpec spec) {
        Problems problems = new Problems(spec.locations());
        checkDatasets(spec, problems);
        checkModels(spec, problems);
        checkTriggers(spec, problems);
        checkPipelines(spec, problems);
        for (SpecRule rule : rules) {
            rule.check(spec, problems);
        }
        problems.throwIfAny();
    }

    private static void checkDatasets(ModelOpsSpec spec, Problems problems) {
        for (DatasetSpec d : spec.datasets().values()) {
            String path = "datasets." + d.name();
            if (d.uri() == null || d.uri().isBlank()) {
                problems.add(path, "dataset '" + d.name() + "' needs a uri (a CSV path)");
                continue;
            }
            if (!"csv".equals(d.format())) {
                problems.add(path + ".format", "unsupported format '" + d.format() + "'; expected csv");
            }
            if (d.schema().isEmpty()) {
                problems.add(path, "dataset '" + d.name() + "' needs a schema: a mapping of column names to types ("
                        + ColumnType.known() + ")");
            }
            for (Map.Entry<String, ColumnSpec> c : d.schema().entrySet()) {
                ColumnSpec col = c.getValue();
                if (col.min() != null && col.max() != null && col.min() > col.max()) {
                    problems.add(path + ".schema." + c.getKey(), "min " + col.min() + " is above max " + col.max());
                }
                if (!col.values().isEmpty() && col.type() != ColumnType.CATEGORICAL) {
                    problems.add(path + ".schema." + c.getKey() + ".values", "values apply only to categorical columns");
                }
            }
            Path file = spec.datasetPath(d);
            if (!Files.isRegularFile(file)) {
                problems.add(path + ".uri", "file not found: " + file);
                continue;
            }
            try {
                List<String> header = CsvTables.header(file);
                for (String column : d.schema().keySet()) {
                    if (!header.contains(column)) {
                        problems.add(path + ".schema." + column, "column '" + column + "' is not in the header of "
                                + d.uri() + "; header: " + String.join(", ", header));
                    }
                }
            } catch (InputError e) {
                problems.add(path + ".uri", e.getMessage());
            }
        }
    }

    private static void checkModels(ModelOpsSpec spec, Problems problems) {
        for (ModelSpec m : spec.models().values()) {
            String path = "models." + m.name();
            if (m.trainer() == null || m.trainer().isBlank()) {
                problems.add(path, "model '" + m.name() + "' needs a trainer");
            }
            if (m.dataset() == null) {
                problems.add(path, "model '" + m.name() + "' needs a dataset; known: "
                        + String.join(", ", spec.datasets().keySet()));
                continue;
            }
            DatasetSpec data = spec.datasets().get(m.dataset());
            if (data == null) {
                problems.add(path + ".dataset", "unknown dataset '" + m.dataset() + "'; known: "
                        + (spec.datasets().isEmpty() ? "(none declared)" : String.join(", ", spec.datasets().keySet())));
                continue;
            }
            Map<String, ColumnSpec> schema = data.schema();
            if (m.label() == null) {
                problems.add(path, "model '" + m.name() + "' needs a label column");
            } else if (!schema.containsKey(m.label())) {
                problems.add(path + ".label", "label '" + m.label() + "' is not a column of dataset '" + data.name()
                        + "'; columns: " + String.join(", ", schema.keySet()));
            } else if (m.positiveClass() != null) {
                List<String> values = schema.get(m.label()).values();
                if (!values.isEmpty() && !values.contains(m.positiveClass())) {
                    problems.add(path + ".positive_class", "'" + m.positiveClass() + "' is not a declared value of "
                            + m.label() + ": " + values);
                }
            }
            if (m.features().isEmpty()) {
                problems.add(path, "model '" + m.name() + "' needs at least one feature");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < m.features().size(); i++) {
                String f = m.features().get(i);
                String fp = path + ".features[" + i + "]";
                if (!seen.add(f)) {
                    problems.add(fp, "feature '" + f + "' is listed twice");
                } else if (f.equals(m.label())) {
                    problems.add(fp, "the label '" + f + "' cannot also be a feature");
                } else if (!schema.containsKey(f)) {
                    problems.add(fp, "feature '" + f + "' is not a column of dataset '" + data.name() + "'; columns: "
                            + String.join(", ", schema.keySet()));
                } else if (schema.get(f).type() == ColumnType.TEXT) {
                    problems.add(fp, "feature '" + f + "' is a text column; declare it numeric, integer or categorical");
                }
            }
            checkSplit(m, path + ".split", schema, problems);
        }
    }

    private static void checkSplit(ModelSpec m, String path, Map<String, ColumnSpec> schema, Problems problems) {
        SplitSpec split = m.split();
        if (split.train() != null && split.ratio() != null) {
            problems.add(path, "give either train (a row filter) or ratio, not both");
            return;
        }
        if (split.train() != null) {
            try {
                RowFilter filter = RowFilter.parse(split.train());
                ColumnSpec column = schema.get(filter.column());
                if (column == null) {
                    problems.add(path + ".train", "column '" + filter.column() + "' is not in the dataset's schema; columns: "
                            + String.join(", ", schema.keySet()));
                } else {
                    splitValueProblem(filter, column).ifPresent(p -> problems.add(path + ".train", p));
                }
            } catch (IllegalArgumentException e) {
                problems.add(path + ".train", e.getMessage());
            }
        } else if (split.ratio() == null || split.ratio() <= 0 || split.ratio() >= 1) {
            problems.add(path + ".ratio", "expected a share of training rows between 0 and 1 (exclusive), got "
                    + split.ratio());
        }
    }

    /**
     * Whether {@code column op value} can select rows: a number column compares numbers (a text
     * value would compare as text against every cell), and equality on a categorical column with
     * declared values needs one of them (else the split puts every row on one side).
     */
    private static Optional<String> splitValueProblem(RowFilter filter, ColumnSpec column) {
        String value = filter.value();
        if (column.type() == ColumnType.INTEGER || column.type() == ColumnType.NUMERIC) {
            try {
                if (Double.isFinite(Double.parseDouble(value))) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            return Optional.of("'" + filter + "': column '" + filter.column() + "' is "
                    + (column.type() == ColumnType.INTEGER ? "an integer" : "a numeric") + " column and '" + value
                    + "' is not a number");
        }
        if (column.type() == ColumnType.CATEGORICAL && !column.values().isEmpty()
                && (filter.operator().equals("==") || filter.operator().equals("!="))
                && !column.values().contains(value)) {
            return Optional.of("'" + filter + "': '" + value + "' is not a declared value of column '"
                    + filter.column() + "': " + String.join(", ", column.values()));
        }
        return Optional.empty();
    }

    private static void checkTriggers(ModelOpsSpec spec, Problems problems) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.triggers().size(); i++) {
            TriggerSpec t = spec.triggers().get(i);
            String path = "triggers[" + i + "]";
            if (t.name() == null) {
                problems.add(path, "every trigger needs a name");
            } else if (!names.add(t.name())) {
                problems.add(path + ".name", "duplicate trigger name '" + t.name() + "'");
            }
            if (t.on() == null) {
                problems.add(path, "trigger needs 'on': data_change, drift or schedule");
                continue;
            }
            if (t.pipeline() == null) {
                problems.add(path, "trigger needs the pipeline it starts");
            } else if (spec.pipeline(t.pipeline()).isEmpty()) {
                problems.add(path + ".pipeline", "unknown pipeline '" + t.pipeline() + "'; known: "
                        + String.join(", ", spec.pipelines().stream().map(PipelineSpec::name).toList()));
            }
            if (t.env() != null && !spec.environments().containsKey(t.env())) {
                problems.add(path + ".env", "unknown environment '" + t.env() + "'; known: "
                        + String.join(", ", spec.environments().keySet()));
            }
            switch (t.on()) {
                case DRIFT -> {
                    if (t.model() == null) {
                        problems.add(path, "a drift trigger needs the model it watches");
                    } else if (!spec.models().containsKey(t.model())) {
                        problems.add(path + ".model", "unknown model '" + t.model() + "'; known: "
                                + String.join(", ", spec.models().keySet()));
                    }
                }
                case DATA_CHANGE -> {
                    if (t.dataset() == null) {
                        problems.add(path, "a data_change trigger needs the dataset it watches");
                    } else if (!spec.datasets().containsKey(t.dataset())) {
                        problems.add(path + ".dataset", "unknown dataset '" + t.dataset() + "'; known: "
                                + String.join(", ", spec.datasets().keySet()));
                    }
                }
                case SCHEDULE -> {
                    if (t.schedule() == null) {
                        problems.add(path, "a schedule trigger needs a cron schedule, e.g. 'H 2 * * *'");
                    } else {
                        CronSchedule.problem(t.schedule()).ifPresent(p -> problems.add(path + ".schedule", p));
                    }
                }
                default -> throw new IllegalStateException(t.on().name());
            }
        }
    }

    private void checkPipelines(ModelOpsSpec spec, Problems problems) {
        if (spec.pipelines().isEmpty()) {
            problems.add("", "pipelines: at least one pipeline is needed");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.pipelines().size(); i++) {
            PipelineSpec p = spec.pipelines().get(i);
            String path = "pipelines[" + i + "]";
            if (p.name() == null || p.name().isBlank()) {
                problems.add(path, "every pipeline needs a name");
                continue;
            }
            if (!names.add(p.name())) {
                problems.add(path + ".name", "duplicate pipeline name '" + p.name() + "'");
            }
            planner.check(spec, i, problems);
        }
    }
}
