package dev.modelops.cli;

import dev.modelops.core.InputError;
import dev.modelops.core.lineage.LineageStore;
import dev.modelops.core.plan.Planner;
import dev.modelops.core.spec.ModelOpsSpec;
import dev.modelops.steps.deploy.DeploySettings;
import dev.modelops.steps.serve.ModelServer;
import dev.modelops.steps.serve.ServedModels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelops serve-model FILE --model M --env E}: serves the model version ACTIVE in the
 * environment (deployModel recorded it) over HTTP until stopped, after checking its artifact
 * against lineage. A token is required ({@code --token} or {@code MODELOPS_SERVE_TOKEN}).
 */
@Command(name = "serve-model", description = "Serve the model version deployed to an environment over HTTP.")
final class ServeModelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The modelops.yaml declaring the model.")
    Path file;

    @Mixin
    SpecArgs args;

    @Mixin
    StoreArgs store;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL") String model;

    @Option(names = "--model-id", paramLabel = "ID", description = "Serve this version instead of the ACTIVE one (canary pods).")
    String modelId;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Default: the environment's deploy.port, else 8080.")
    Integer port;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Token clients must send (default: $MODELOPS_SERVE_TOKEN).")
    String token;

    @Option(names = "--batch-rows", defaultValue = "1000", paramLabel = "N",
            description = "Rows per live batch written for the scheduled drift check (when a drift monitor pins the "
                    + "served version). Default: ${DEFAULT-VALUE}.")
    int batchRows;

    @Option(names = "--batch-seconds", defaultValue = "3600", paramLabel = "SECONDS",
            description = "Complete the live batch this often even if not full (0: never; it is also completed by "
                    + "POST /drift/reset and at shutdown). Default: ${DEFAULT-VALUE}.")
    int batchSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> environment = System.getenv();
        String secret = token != null ? token : environment.get("MODELOPS_SERVE_TOKEN");
        if (secret == null || secret.isBlank()) {
            throw new InputError("--token", "a token is required: pass --token or set MODELOPS_SERVE_TOKEN");
        }
        String env = args.env;
        if (env == null) {
            throw new InputError("--env", "needed: the environment whose deployed version is served");
        }
        ModelOpsSpec loaded = args.load(file, Planner.discover());
        if (!loaded.environments().containsKey(env)) {
            throw new InputError("--env " + env, "unknown environment; known: " + String.join(", ", loaded.environments().keySet()));
        }
        if (batchRows < 1) {
            throw new InputError("--batch-rows " + batchRows, "expected at least 1");
        }
        if (batchSeconds < 0) {
            throw new InputError("--batch-seconds " + batchSeconds, "expected 0 or more");
        }
        DeploySettings settings = DeploySettings.read(loaded.environments().get(env).deploy(), Map.of(),
                file.getFileName().toString(), (k, m) -> { });
        int listen = port != null ? port : settings.port();
        Listening.requireFree(host, listen, "--port", "--host");
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignal signal = new StopSignal("modelops-serve-shutdown");
             LineageStore lineage = store.openExistingLineage(environment)) {
            ServedModels.Served served;
            try {
                served = ServedModels.open(loaded, lineage, store.artifacts(environment), model, env, modelId, batchRows);
            } catch (ServedModels.Refused e) {
                spec.commandLine().getErr().println("modelops: " + e.getMessage());
                return ModelOpsCli.FAILED;
            }
            // closing the server completes the live batch, before the store closes
            try (ModelServer server = new ModelServer(served, secret, batchSeconds)) {
                int bound = Listening.start(() -> server.start(host, listen), host, listen, "--port", "--host");
                out.printf("serving %s (%s, sha256 %s) for %s on http://%s:%d%n", served.model().label(),
                        served.info().get("variant"), served.model().contentHash().substring(0, 12), env, host, bound);
                out.printf("endpoints: POST /predict, POST /predict/batch, GET /health, GET /metrics, GET /drift, "
                        + "POST /drift/reset (all but /health need 'Authorization: Bearer TOKEN')%n");
                if (served.drift() != null) {
                    var source = served.drift().target().reference().source();
                    out.printf("live drift against the reference profile of %s@v%d (%s); %s%n", source.model(),
                            source.modelVersion(), served.drift().target().profile().id().substring(0, 12),
                            served.drift().batchesNote());
                } else {
                    out.printf("no live drift: %s%n", served.noDrift());
                }
                out.flush();
                signal.await();
                return ModelOpsCli.OK;
            }
        }
    }
}
