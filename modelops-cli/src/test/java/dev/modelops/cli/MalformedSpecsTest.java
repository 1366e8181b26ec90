package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed spec under src/test/resources/malformed gets one line on stderr that names the
 * file, the line (where there is one) and the field, exit code 2, and nothing written. Each file
 * says what to expect in its first comment lines: {@code # expect: TEXT} must appear in the
 * message, and {@code # at: TOKEN} must appear on the line the message points at.
 */
class MalformedSpecsTest {
    private static final Path DIR = Path.of("src", "test", "resources", "malformed");
    private static final Pattern PLACE = Pattern.compile("^modelops: (.+?\\.yaml)(?::(\\d+))?: .*");

    @TempDir
    Path work;

    static Stream<String> specs() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void oneLineNamingThePlaceExitTwoAndNothingWritten(String name) throws Exception {
        String text = Files.readString(DIR.resolve(name));
        String expect = header(text, "expect");
        String at = header(text, "at");
        Files.writeString(work.resolve("people.csv"), "label,age,colour,year\nyes,21,a,1997\nno,35,b,1998\nyes,40,a,2000\n");
        Path spec = work.resolve("modelops.yaml");
        Files.writeString(spec, text);
        Path home = work.resolve(".modelops");

        for (List<String> command : List.of(List.of("validate"), List.of("plan"), List.of("run", "--home", home.toString()))) {
            String[] args = Stream.concat(command.stream().limit(1), Stream.concat(Stream.of(spec.toString()),
                    command.stream().skip(1))).toArray(String[]::new);
            Cli r = Cli.run(args);
            assertThat(r.code()).as("exit code of %s", command).isEqualTo(2);
            assertThat(r.errLines()).as("stderr of %s", command).hasSize(1);
            String line = r.errLines()[0];
            assertThat(line).contains(expect).doesNotContain("Exception").doesNotContain("\tat ");
            Matcher m = PLACE.matcher(line);
            assertThat(m.matches()).as("names the file: %s", line).isTrue();
            if (at != null) {
                assertThat(m.group(2)).as("names a line: %s", line).isNotNull();
                String pointed = text.split("\\R", -1)[Integer.parseInt(m.group(2)) - 1];
                assertThat(pointed).as("line %s of %s", m.group(2), name).contains(at);
            }
            assertThat(r.out()).isEmpty();
        }
        assertThat(home).doesNotExist();
    }

    private static String header(String text, String key) {
        for (String line : text.split("\\R")) {
            if (line.startsWith("# " + key + ": ")) {
                return line.substring(key.length() + 4);
            }
        }
        return null;
    }
}
