package org.relucert.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperCommandRejectsBadOutTest {

    @Test
    void outThatIsAFileExitsTwoWithAOneLineMessage(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken.txt"), "x");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"paper", "--out", file.toString(), "--quick"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, code);
        assertTrue(err.toString().contains("exists and is not a directory"), err.toString());
        assertTrue(err.toString().lines().count() == 1, err.toString());
    }
}
