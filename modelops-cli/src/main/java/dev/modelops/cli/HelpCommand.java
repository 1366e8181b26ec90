package dev.modelops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;

/**
 * {@code modelops help [COMMAND...]}: the usage of any command, nested ones included
 * ({@code modelops help drift check}). picocli's own help command looks up one level only, so
 * {@code help drift check} would print the help of {@code drift}.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the usage of a command, e.g. 'modelops help run' or 'modelops help drift check'.")
final class HelpCommand implements IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommands) to describe.")
    List<String> names = new ArrayList<>();

    private CommandLine self;
    private Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter outWriter,
                     PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public Integer call() {
        CommandLine target = self.getParent();
        for (String name : names) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.ParameterException(self, "Unknown command '" + name + "' of '"
                        + target.getCommandSpec().qualifiedName(" ") + "'; its commands: "
                        + String.join(", ", target.getSubcommands().keySet()));
            }
            target = sub;
        }
        target.usage(out, colors);
        out.flush();
        return ModelOpsCli.OK;
    }
}
