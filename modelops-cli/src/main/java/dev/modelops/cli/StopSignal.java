package dev.modelops.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a serving command block until the process is asked to stop (Ctrl-C, SIGTERM from Jenkins or
 * Kubernetes) and still close its server and lineage store itself, in try-with-resources: the
 * shutdown hook wakes the command and then waits until this signal is closed. Open it as the
 * first resource, so it is closed last, after everything else.
 */
final class StopSignal implements AutoCloseable {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread hook;

    StopSignal(String name) {
        hook = new Thread(() -> {
            stopped.countDown();
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Blocks until the process is asked to stop. */
    void await() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        released.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the resources are closed
        }
    }
}
