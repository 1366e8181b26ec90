package dev.modelops.core.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check of a Jenkins cron schedule ({@code H 2 * * *}), shared by schedule triggers and the
 * {@code schedule} parameter of steps, so a schedule Jenkins would refuse (or one that never
 * fires, like hour 25) is refused by {@code modelops validate} instead of when the Jenkinsfile is
 * loaded. Five fields (minute hour day month weekday); each a comma list of {@code *},
 * {@code H}, {@code H(a-b)}, {@code n} or {@code a-b}, optionally with a step {@code /n}.
 */
public final class CronSchedule {
    private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 7};
    private static final Pattern TERM = Pattern.compile(
            "(?:\\*|H(?:\\((\\d{1,4})-(\\d{1,4})\\))?|(\\d{1,4})(?:-(\\d{1,4}))?)(?:/(\\d{1,4}))?");
    public static final String FORM = "five cron fields (minute hour day month weekday)";

    private CronSchedule() {
    }

    /** What is wrong with {@code schedule}, or empty when Jenkins accepts it. */
    public static Optional<String> problem(String schedule) {
        String[] fields = schedule == null ? new String[0] : schedule.trim().split("\\s+");
        if (fields.length != 5 || fields[0].isEmpty()) {
            return Optional.of("expected " + FORM + ", got '" + schedule + "'");
        }
        for (int i = 0; i < fields.length; i++) {
            for (String term : fields[i].split(",", -1)) {
                Optional<String> bad = termProblem(term, MIN[i], MAX[i]);
                if (bad.isPresent()) {
                    return Optional.of(FIELDS[i] + " field '" + fields[i] + "' of '" + schedule.trim() + "': "
                            + bad.get());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> termProblem(String term, int min, int max) {
        Matcher m = TERM.matcher(term);
        if (!m.matches()) {
            return Optional.of("expected *, H, H(a-b), a number or a range a-b (each optionally /step), got '" + term + "'");
        }
        for (int g : new int[] {1, 2, 3, 4}) {
            if (m.group(g) != null) {
                int v = Integer.parseInt(m.group(g));
                if (v < min || v > max) {
                    return Optional.of(v + " is out of range " + min + "-" + max);
                }
            }
        }
        if (m.group(1) != null && Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
            return Optional.of("range " + m.group(1) + "-" + m.group(2) + " runs backwards");
        }
        if (m.group(4) != null && Integer.parseInt(m.group(3)) > Integer.parseInt(m.group(4))) {
            return Optional.of("range " + m.group(3) + "-" + m.group(4) + " runs backwards");
        }
        if (m.group(5) != null && Integer.parseInt(m.group(5)) == 0) {
            return Optional.of("step /0 never advances");
        }
        return Optional.empty();
    }
}
