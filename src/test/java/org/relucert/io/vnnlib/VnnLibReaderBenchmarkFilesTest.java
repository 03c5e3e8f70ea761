package org.relucert.io.vnnlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relucert.io.onnx.SharedData;
import org.relucert.net.Box;
import org.relucert.spec.Property;

/** The VNN-COMP property files parse into the expected cases. */
class VnnLibReaderBenchmarkFilesTest {

    @Test
    void everyBenchmarkPropertyParsesWithBoundedInputs() {
        List<Path> files = SharedData.files(".vnnlib");
        assertTrue(files.size() >= 10 + 30 + 2, "expected ACAS Xu, MNIST and test properties, found " + files.size());
        for (Path f : files) {
            Property p = VnnLibReader.read(f);
            assertFalse(p.cases().isEmpty(), f + ": no cases");
            for (Property.Case c : p.cases()) {
                assertEquals(p.inputs(), c.input().dim(), f.toString());
                for (double[] row : c.c()) {
                    assertEquals(p.outputs(), row.length, f.toString());
                }
                assertEquals(c.c().length, c.d().length, f.toString());
            }
        }
    }

    @Test
    void acasProperty6HasTwoInputBoxesTimesFourOutputDisjuncts() {
        Property p = VnnLibReader.read(SharedData.dir().resolve("acasxu/vnnlib/prop_6.vnnlib"));
        assertEquals(5, p.inputs());
        assertEquals(5, p.outputs());
        assertEquals(8, p.cases().size());
        Set<Box> boxes = new HashSet<>();
        p.cases().forEach(c -> boxes.add(c.input()));
        assertEquals(2, boxes.size());
        Box first = p.cases().get(0).input();
        assertArrayEquals(new double[] {-0.129289109, 0.11140846, -0.499999896, -0.5, -0.5}, first.lower());
        assertArrayEquals(new double[] {0.700434925, 0.499999896, -0.499204121, 0.5, 0.5}, first.upper());
        Box last = p.cases().get(7).input();
        assertEquals(-0.499999896, last.lower()[1]);
        assertEquals(-0.11140846, last.upper()[1]);
        // case 1: (<= Y_1 Y_0), i.e. Y_1 - Y_0 <= 0
        Property.Case c = p.cases().get(0);
        assertEquals(1, c.c().length);
        assertArrayEquals(new double[] {-1, 1, 0, 0, 0}, c.c()[0]);
        assertEquals(0.0, c.d()[0]);
        assertTrue(c.unsafe(new double[] {2, 1, 5, 5, 5}, 0));
        assertFalse(c.unsafe(new double[] {1, 2, 0, 0, 0}, 0));
    }

    @Test
    void acasProperty7HasTwoOutputDisjunctsOfThreeConstraints() {
        Property p = VnnLibReader.read(SharedData.dir().resolve("acasxu/vnnlib/prop_7.vnnlib"));
        assertEquals(2, p.cases().size());
        assertEquals(p.cases().get(0).input(), p.cases().get(1).input());
        Property.Case strongLeft = p.cases().get(0);
        assertEquals(3, strongLeft.c().length);
        assertArrayEquals(new double[] {-1, 0, 0, 1, 0}, strongLeft.c()[0]);
        assertArrayEquals(new double[] {0, 0, -1, 1, 0}, strongLeft.c()[2]);
        assertArrayEquals(new double[] {0, 0, -1, 0, 1}, p.cases().get(1).c()[2]);
    }

    @Test
    void acasProperty8HasThreeOutputDisjuncts() {
        Property p = VnnLibReader.read(SharedData.dir().resolve("acasxu/vnnlib/prop_8.vnnlib"));
        assertEquals(3, p.cases().size());
        for (Property.Case c : p.cases()) {
            assertEquals(2, c.c().length);
        }
        assertEquals(-0.374999922, p.cases().get(0).input().upper()[1]);
    }

    @Test
    void acasProperty3IsOneCaseWithFourConstraints() {
        Property p = VnnLibReader.read(SharedData.dir().resolve("acasxu/vnnlib/prop_3.vnnlib"));
        assertEquals(1, p.cases().size());
        assertEquals(4, p.cases().get(0).c().length);
    }

    @Test
    void mnistPropertyHasNineDisjunctsOverTheImageBox() {
        Property p = VnnLibReader.read(SharedData.dir().resolve("mnistfc/vnnlib/prop_0_0.03.vnnlib"));
        assertEquals(784, p.inputs());
        assertEquals(10, p.outputs());
        assertEquals(9, p.cases().size());
        Box box = p.cases().get(0).input();
        assertEquals(0.0, box.lower()[783]);
        assertEquals(0.029999999329447746, box.upper()[783]);
        // label 4: first disjunct (>= Y_0 Y_4) is Y_4 - Y_0 <= 0
        double[] row = p.cases().get(0).c()[0];
        assertEquals(-1.0, row[0]);
        assertEquals(1.0, row[4]);
        assertNotEquals(p.cases().get(0).c()[0][0], p.cases().get(1).c()[0][0]);
    }

    @Test
    void testTinyPropertyMixesInputAndOutputInOneConjunction() {
        Property p = VnnLibReader.read(SharedData.dir().resolve("test/test_tiny.vnnlib"));
        assertEquals(1, p.cases().size());
        Property.Case c = p.cases().get(0);
        assertEquals(new Box(new double[] {-1}, new double[] {1}), c.input());
        assertArrayEquals(new double[] {-1}, c.c()[0]);
        assertArrayEquals(new double[] {-100}, c.d());
    }
}
