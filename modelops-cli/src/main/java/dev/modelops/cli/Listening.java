package dev.modelops.cli;

import dev.modelops.core.InputError;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.IntSupplier;

/**
 * Where {@code serve} and {@code serve-model} listen. An address that cannot be used (the port is
 * taken, the host is not this machine's) is bad input naming the flag, in one line: checked before
 * the server starts, so the web framework does not log its own error first, and again if the
 * server fails to bind anyway (another process took the port in between).
 */
final class Listening {
    private Listening() {
    }

    /** Refuses an address nothing could listen on; port 0 (pick a free one) is always fine. */
    static void requireFree(String host, int port, String portFlag, String hostFlag) {
        if (port < 0 || port > 65535) {
            throw new InputError(portFlag + " " + port, "expected a port in [1, 65535], or 0 for any free one");
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw refusal(e, host, port, portFlag, hostFlag);
        }
    }

    /** Starts a server through {@code start} (which returns the bound port), turning a bind failure into bad input. */
    static int start(IntSupplier start, String host, int port, String portFlag, String hostFlag) {
        try {
            return start.getAsInt();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException || t.getClass().getSimpleName().equals("JavalinBindException")) {
                    throw refusal(t, host, port, portFlag, hostFlag);
                }
            }
            throw e;
        }
    }

    private static InputError refusal(Throwable e, String host, int port, String portFlag, String hostFlag) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
            return new InputError(portFlag + " " + port, "port " + port + " on " + host
                    + " is already in use; stop what listens there or choose another port");
        }
        return new InputError(hostFlag + " " + host, "cannot listen on " + host + ":" + port + ": " + reason);
    }
}
