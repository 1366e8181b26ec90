package dev.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command answers {@code --help} and {@code modelops help ...}; usage errors point at the right help. */
class HelpTest {
    /** Every command path under modelops, nested ones included ("drift check"), found by walking the tree. */
    static Stream<String> commands() {
        List<String> paths = new ArrayList<>();
        walk(new CommandLine(new ModelOpsCli()), "", paths, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return paths.stream();
    }

    private static void walk(CommandLine cl, String prefix, List<String> paths, Set<Object> seen) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (!seen.add(e.getValue().getCommandSpec())) {
                continue;
            }
            String path = (prefix + " " + e.getKey()).trim();
            paths.add(path);
            walk(e.getValue(), path, paths, seen);
        }
    }

    @Test
    void theWalkFindsNestedCommands() {
        assertThat(commands()).contains("run", "step", "drift check", "lineage show", "generate jenkinsfile",
                "report lineage", "version", "help");
    }

    @ParameterizedTest(name = "modelops {0} --help")
    @MethodSource("commands")
    void everyCommandAnswersHelp(String path) {
        String[] words = (path + " --help").split(" ");
        Cli help = Cli.run(words);
        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: modelops " + path + " ").contains("-h, --help");
        assertThat(help.err()).isEmpty();
    }

    @ParameterizedTest(name = "modelops help {0}")
    @MethodSource("commands")
    void theHelpCommandDescribesNestedCommands(String path) {
        List<String> words = new ArrayList<>(List.of("help"));
        words.addAll(List.of(path.split(" ")));
        Cli help = Cli.run(words.toArray(String[]::new));
        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: modelops " + path + " ");
    }

    @Test
    void helpOfAnUnknownCommandIsAUsageError() {
        Cli help = Cli.run("help", "drift", "chekc");
        assertThat(help.code()).isEqualTo(2);
        assertThat(help.err()).contains("Unknown command 'chekc' of 'modelops drift'; its commands: check, profile, stream");
    }

    @Test
    void topLevelHelpAndVersion() {
        assertThat(Cli.run("--help").out()).startsWith("Usage: modelops ").contains("drift", "-V, --version");
        Cli version = Cli.run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("modelops ");
    }

    @Test
    void usageErrorsPointAtTheCommandsHelpInOneWording() {
        Cli top = Cli.run("--bogus");
        assertThat(top.code()).isEqualTo(2);
        assertThat(top.errLines()).containsExactly("modelops: Unknown option: '--bogus'", "Try 'modelops --help' for usage.");

        Cli nested = Cli.run("drift", "check", "--bogus");
        assertThat(nested.code()).isEqualTo(2);
        assertThat(nested.err()).contains("Try 'modelops drift check --help' for usage.");

        Cli set = Cli.run("validate", "x.yaml", "--set", "novalue");
        assertThat(set.code()).isEqualTo(2);
        assertThat(set.errLines()[0]).startsWith("modelops: Value for option '--set' (KEY=VALUE) should be in KEY=VALUE format")
                .doesNotContain("option option");
        assertThat(set.errLines()[1]).isEqualTo("Try 'modelops validate --help' for usage.");
    }
}
