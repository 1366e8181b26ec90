package dev.modelops.cli;

import dev.modelops.core.lineage.LineageStore;
import dev.modelops.web.LineageServer;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelops serve}: the lineage web view (models, timelines with metric charts, the lineage
 * graph) and its JSON API, until interrupted. Read-only unless a token is given; the token is read
 * from {@code MODELOPS_SERVE_TOKEN} (preferred: it stays out of process listings) or {@code --token}
 * and is never printed.
 */
@Command(name = "serve", description = "Serve the lineage web view and API (read-only unless a token is set).")
final class ServeCommand implements Callable<Integer> {
    static final String TOKEN_ENV = "MODELOPS_SERVE_TOKEN";

    @Mixin
    StoreArgs store;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8090",
            description = "TCP port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Token that write APIs require (default: $" + TOKEN_ENV + "; none: read-only).")
    String token;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        String writeToken = token != null ? token : env.get(TOKEN_ENV);
        Listening.requireFree(bind, port, "--port", "--bind");
        // a read-only view of a store that does not exist would show nothing: refuse it, create
        // nothing; with a token the server records (write APIs), so it may start a new store
        boolean writable = writeToken != null && !writeToken.isBlank();
        try (StopSignal signal = new StopSignal("modelops-serve-stop");
             LineageStore lineage = writable ? store.openLineage(env) : store.openExistingLineage(env);
             LineageServer server = new LineageServer(lineage, store.storeLocation(env), writeToken)) {
            int bound = Listening.start(() -> server.start(bind, port).port(), bind, port, "--port", "--bind");
            PrintWriter out = spec.commandLine().getOut();
            out.printf("serving lineage of %s at http://%s:%d/ (%s); Ctrl-C stops%n", store.storeLocation(env),
                    bind.equals("0.0.0.0") ? "localhost" : bind, bound,
                    server.writable() ? "write APIs need the token" : "read-only");
            out.flush();
            signal.await();
            return ModelOpsCli.OK;
        }
    }
}
