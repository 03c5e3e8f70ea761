package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpSummariesAreWholeSentencesTest {

    /** The summary picocli lists for a command: the header's first line, else the description's. */
    private static String summary(CommandLine c) {
        String[] h = c.getCommandSpec().usageMessage().header();
        String[] d = c.getCommandSpec().usageMessage().description();
        return h.length > 0 ? h[0] : d.length > 0 ? d[0] : "";
    }

    private static void collect(CommandLine c, List<CommandLine> all) {
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) {
                all.add(sub);
                collect(sub, all);
            }
        }
    }

    @Test
    void everyCommandListsAShortCompleteSentence() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new Main()), all);
        assertTrue(all.size() >= 18, "commands found: " + all.size());
        for (CommandLine c : all) {
            String s = summary(c);
            assertTrue(s.endsWith("."), c.getCommandName() + ": summary cut off: '" + s + "'");
            assertTrue(s.length() <= 110, c.getCommandName() + ": summary too long (" + s.length() + "): " + s);
        }
    }
}
