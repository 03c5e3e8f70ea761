package org.relucert.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.cli.Main;
import org.relucert.exact.MilpExact;
import org.relucert.io.NetJson;
import org.relucert.net.Box;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/**
 * Networks beyond the LP limits are refused at once, with a message naming the network's size and the
 * limit; the CLI turns the refusal into exit code 2.
 */
class LpDomainsRefuseNetworksBeyondTheLimitsTest {

    private static final Network NET = RandomNetworks.fullyConnected(1, 4, new int[] {20, 20}, 1);
    private static final Box BOX = Box.cube(4, -1, 1);

    @Test
    void everyLpDomainRefusesANetworkBeyondItsLimits() {
        LpLimits small = new LpLimits(50, 1000);
        LpSettings settings = LpSettings.DEFAULT.withLimits(small);
        String[] messages = {
            assertThrows(NetworkTooLargeException.class, () -> new Triangle(settings).analyse(NET, BOX)).getMessage(),
            assertThrows(NetworkTooLargeException.class,
                    () -> new MultiNeuron(HullSpec.parse("multi", HullSpec.Coupling.LAYER_INPUTS, false, "2"), settings)
                            .analyse(NET, BOX)).getMessage(),
            assertThrows(NetworkTooLargeException.class, () -> new MilpExact(0, small).analyse(NET, BOX)).getMessage(),
        };
        for (String m : messages) {
            assertTrue(m.contains("85 LP variables") && m.contains("40 ReLU neurons") && m.contains("50 variables"), m);
        }
        assertTrue(messages[2].startsWith("MILP refused"), messages[2]);
        String relus = assertThrows(NetworkTooLargeException.class,
                () -> new Triangle(LpSettings.DEFAULT.withLimits(new LpLimits(1000, 39))).analyse(NET, BOX)).getMessage();
        assertTrue(relus.startsWith("LP refused") && relus.contains("39 ReLUs"), relus);
        assertEquals(1, new Triangle(LpSettings.DEFAULT.withLimits(new LpLimits(85, 40))).analyse(NET, BOX).output().size());
    }

    @Test
    void theCliExitsWithTwoOnANetworkBeyondTheDefaultLimits(@TempDir Path dir) {
        int wide = (int) LpLimits.DEFAULT.maxVariables();
        Network net = RandomNetworks.fullyConnected(2, 1, new int[] {wide}, 1);
        Path file = dir.resolve("wide.json");
        NetJson.write(net, file);
        for (String domain : new String[] {"triangle", "multi:1", "exact"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            long t0 = System.nanoTime();
            int code = Main.run(new String[] {"bounds", "--net", file.toString(), "--box", "0:1", "--domain", domain},
                    new PrintWriter(out), new PrintWriter(err));
            assertEquals(2, code, domain + ": " + err);
            assertTrue(err.toString().contains("refused") && err.toString().contains(wide * 2 + 2 + " LP variables"),
                    err.toString());
            assertTrue((System.nanoTime() - t0) / 1e9 < 30, "the refusal comes at once");
        }
    }
}
