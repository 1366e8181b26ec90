package dev.modelops.gates;

import dev.modelops.core.InputError;
import dev.modelops.core.exec.Step;
import dev.modelops.core.exec.StepContext;
import dev.modelops.core.exec.StepResult;
import dev.modelops.core.spec.DatasetSpec;
import dev.modelops.core.spec.ModelSpec;
import java.nio.file.Path;

/**
 * The {@code validateData} task: checks a data file against its dataset's declared schema and
 * its model's {@code gates.data} rules before anything trains on it. The file is the dataset's
 * own ({@code model:} or {@code dataset:} of the task) or a new batch given as {@code with.data}
 * (relative to the spec's folder). A FAIL fails the task, so training that depends on it does
 * not start.
 */
public final class ValidateDataStep implements Step {
    @Override
    public StepResult run(StepContext ctx) {
        if (ctx.task().model() == null && ctx.task().dataset() == null) {
            throw new InputError(ctx.run().spec().placeOf(ctx.task().specPath()), "task '" + ctx.task().id()
                    + "' (validateData) needs a model (whose gates.data rules apply) or a dataset");
        }
        DatasetSpec dataset = ctx.datasetSpec();
        ModelSpec model = ctx.task().model() == null ? null : ctx.model();
        Object data = ctx.task().with().get("data");
        Path file = data == null ? ctx.run().spec().datasetPath(dataset) : resolve(ctx, String.valueOf(data));
        GateReport report = QualityGates.validateData(ctx, dataset, file, model, QualityGates.targetEnvironment(ctx));
        StepResult.Builder result = switch (report.status()) {
            case FAIL -> StepResult.failed(report.summary());
            case PASS -> StepResult.succeeded(report.summary());
            default -> StepResult.warned(report.summary());
        };
        return result.output(QualityGates.GATE_STATUS, report.status().effective())
                .output(QualityGates.GATE_ID, report.verdictId())
                .output("dataset.id", report.datasetId())
                .output("gate.report", ctx.workDir().resolve(GateReports.HTML))
                .used(report.datasetId())
                .produced(report.verdictId())
                .build();
    }

    private static Path resolve(StepContext ctx, String data) {
        Path p = Path.of(data);
        return p.isAbsolute() ? p : ctx.run().spec().baseDir().resolve(p).normalize();
    }
}
