package dev.modelops.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {
    @ParameterizedTest
    @ValueSource(strings = {"H 2 * * *", "0 2 * * *", "H/15 * * * *", "H(0-29) 8-18/2 1,15 */3 1-5", "59 23 31 12 7",
            "  H   3 * * 0 "})
    void jenkinsSchedulesPass(String schedule) {
        assertThat(CronSchedule.problem(schedule)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo bar baz qux quux|minute field 'foo' of 'foo bar baz qux quux': expected *, H, H(a-b), a number or a range",
        "H 25 * * *|hour field '25' of 'H 25 * * *': 25 is out of range 0-23",
        "0 0 0 * *|day of month field '0' of '0 0 0 * *': 0 is out of range 1-31",
        "0 0 * 13 *|month field '13'",
        "0 0 * * 1,8|day of week field '1,8' of '0 0 * * 1,8': 8 is out of range 0-7",
        "H(30-10) * * * *|minute field 'H(30-10)' of 'H(30-10) * * * *': range 30-10 runs backwards",
        "*/0 * * * *|minute field '*/0' of '*/0 * * * *': step /0 never advances",
        "H 2 * *|expected five cron fields (minute hour day month weekday), got 'H 2 * *'",
        "@daily|expected five cron fields"})
    void otherSchedulesNameTheField(String schedule, String message) {
        assertThat(CronSchedule.problem(schedule)).hasValueSatisfying(p -> assertThat(p).startsWith(message));
    }
}
