package dev.modelops.kubernetes;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The sink a followed container log is written into: passes each complete line on as it arrives
 * (so a long training shows its progress) and keeps the whole text for the result.
 */
final class LogLines extends OutputStream {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final StringBuilder all = new StringBuilder();

    LogLines(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            pending.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void close() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        all.append(line).append('\n');
        lines.accept(line);
    }

    synchronized String text() {
        return all + pending.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean isEmpty() {
        return all.length() == 0 && pending.size() == 0;
    }

    /** Replaces what was followed with a complete log fetched afterwards. */
    synchronized void replaceWith(String log) {
        all.setLength(0);
        pending.reset();
        all.append(log);
    }
}
