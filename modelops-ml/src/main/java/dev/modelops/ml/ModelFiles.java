package dev.modelops.ml;

import dev.modelops.core.InputError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tribuo.Model;

/** Saves and loads models in Tribuo's protobuf format, which keeps the model's full provenance. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** Writes the model to a new temporary file in {@code dir} and returns it. */
    public static Path saveTemp(Model<?> model, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "model", ".tribuo");
        model.serializeToFile(tmp);
        return tmp;
    }

    public static Model<?> load(Path file) {
        try {
            return Model.deserializeFromFile(file);
        } catch (IOException | RuntimeException e) {
            throw new InputError(file.toString(), "not a readable Tribuo model: " + e.getMessage());
        }
    }
}
