package dev.modelops.drift.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a detector over a whole stream and reports the 0-based indexes at which it signalled a
 * change (and, for DDM, where warning zones began): what {@code modelops drift stream} prints
 * and what the detector benchmark scores against known change points.
 *
 * @param detector the detector's description
 * @param values how many values were read
 * @param changes indexes of signalled changes, ascending
 * @param warnings indexes where a warning zone began, ascending
 */
public record StreamScan(String detector, long values, List<Long> changes, List<Long> warnings) {
    public StreamScan {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    public static StreamScan run(ChangeDetector detector, double[] stream) {
        List<Long> changes = new ArrayList<>();
        List<Long> warnings = new ArrayList<>();
        boolean inWarning = false;
        for (int i = 0; i < stream.length; i++) {
            if (detector.update(stream[i])) {
                changes.add((long) i);
            }
            boolean w = detector.warning();
            if (w && !inWarning) {
                warnings.add((long) i);
            }
            inWarning = w;
        }
        return new StreamScan(detector.describe(), stream.length, changes, warnings);
    }
}
