package dev.modelops.core.exec;

import dev.modelops.core.spec.Platform;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Trains a model version somewhere other than this process (a Job on a Kubernetes cluster), so the
 * training step can honour {@code platform:} without depending on any cluster client. A module
 * such as modelops-kubernetes registers one in {@code META-INF/services}; the training step finds
 * it by platform and hands over the task. The remote side must record the model version in the
 * same lineage and artifact stores, and the returned result names it ({@code model.id}), exactly as
 * a local training result does.
 */
public interface RemoteTrainer {
    /** The platform this trainer serves. */
    Platform platform();

    /** Trains the task's model remotely and reports the version it produced. */
    StepResult train(StepContext context) throws Exception;

    /** The installed trainer for a platform, if any. */
    static Optional<RemoteTrainer> find(Platform platform) {
        for (RemoteTrainer trainer : ServiceLoader.load(RemoteTrainer.class)) {
            if (trainer.platform() == platform) {
                return Optional.of(trainer);
            }
        }
        return Optional.empty();
    }
}
