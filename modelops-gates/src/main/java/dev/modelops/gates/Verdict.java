package dev.modelops.gates;

import java.util.Collection;

/**
 * How one check, or a whole gate, came out. INCONCLUSIVE means the check could not be judged
 * (an empty or tiny group, a missing measurement): it counts as WARN, so it never passes silently
 * and never blocks a release on its own.
 */
public enum Verdict {
    PASS,
    WARN,
    INCONCLUSIVE,
    FAIL;

    /** The verdict as the pipeline acts on it: INCONCLUSIVE becomes WARN. */
    public Verdict effective() {
        return this == INCONCLUSIVE ? WARN : this;
    }

    /** FAIL if any failed, else WARN if any warned or was inconclusive, else PASS. */
    public static Verdict overall(Collection<Verdict> verdicts) {
        Verdict worst = PASS;
        for (Verdict v : verdicts) {
            Verdict e = v.effective();
            if (e.ordinal() > worst.ordinal()) {
                worst = e;
            }
        }
        return worst;
    }
}
