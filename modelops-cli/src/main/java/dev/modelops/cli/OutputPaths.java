package dev.modelops.cli;

import dev.modelops.core.InputError;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks where a command will write ({@code --out}) before it reads, runs or records anything.
 * Without it a folder argument that is a file (or lies under one) fails only when the first file
 * is written: after a gate has run and recorded its verdict, after a drift check has been
 * judged. Nothing is created here, so a command that then stops on other bad input leaves no
 * empty folder behind.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** {@code out} must be a folder, or creatable as one: no part of it may be a file. */
    static void folder(String flag, Path out) {
        String problem = problem(out.toAbsolutePath(), true);
        if (problem != null) {
            throw new InputError(flag + " " + out, problem);
        }
    }

    /** {@code out} is a file to (over)write: not a folder, and its folder must exist or be creatable. */
    static void file(String flag, Path out) {
        Path abs = out.toAbsolutePath();
        String problem = Files.isDirectory(abs) ? "is a folder, not a file"
                : abs.getParent() == null ? null : problem(abs.getParent(), false);
        if (problem != null) {
            throw new InputError(flag + " " + out, problem);
        }
    }

    /**
     * What keeps {@code dir} from being a writable folder (null: nothing): the nearest part of it
     * that exists must be a writable folder. {@code named}: {@code dir} is the flag's value, so a
     * problem with it needs no name.
     */
    private static String problem(Path dir, boolean named) {
        for (Path p = dir; p != null; p = p.getParent()) {
            boolean self = named && p.equals(dir);
            if (Files.isDirectory(p)) {
                return Files.isWritable(p) ? null : (self ? "the folder" : p.toString()) + " is not writable";
            }
            if (Files.exists(p)) {
                return self ? "is a file, not a folder" : p + " is a file, not a folder";
            }
        }
        return null;
    }
}
