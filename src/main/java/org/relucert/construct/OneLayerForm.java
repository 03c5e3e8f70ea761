package org.relucert.construct;

import java.util.ArrayList;
import java.util.List;
import org.relucert.net.Network;

/**
 * A univariate network with one hidden layer, h(x) = b + c*x + sum_i gamma_i * R(sigma_i * (x - t_i))
 * (THEORY.md §4.2 T2/T4). The linear term c*x is a skip connection from the input to the output
 * (§2.1); it is left out of the network when c = 0, as in the DP-0 form.
 */
public record OneLayerForm(double bias, double linear, List<Neuron> neurons) {

    /** One hidden neuron gamma * R(sigma * (x - kink)), sigma = +1 or -1. */
    public record Neuron(double weight, int sign, double kink) {
        double value(double x) {
            return weight * Math.max(0.0, sign * (x - kink));
        }
    }

    public OneLayerForm {
        neurons = List.copyOf(neurons);
    }

    /** Exact value at x. */
    public double value(double x) {
        double s = bias + linear * x;
        for (Neuron n : neurons) {
            s += n.value(x);
        }
        return s;
    }

    /**
     * The same function with neuron i pointing the other way:
     * gamma*R(sigma(x - t)) = gamma*R(-sigma(x - t)) + gamma*sigma*(x - t) (THEORY.md §5.3, §5.4).
     */
    public OneLayerForm flip(int i) {
        List<Neuron> out = new ArrayList<>(neurons);
        Neuron n = neurons.get(i);
        out.set(i, new Neuron(n.weight(), -n.sign(), n.kink()));
        double gs = n.weight() * n.sign();
        return new OneLayerForm(bias - gs * n.kink(), linear + gs, out);
    }

    /** Every neuron flipped: the T3 transform applied to the formula (§5.3). */
    public OneLayerForm flipAll() {
        OneLayerForm f = this;
        for (int i = 0; i < neurons.size(); i++) {
            f = f.flip(i);
        }
        return f;
    }

    /** -h. */
    public OneLayerForm negate() {
        List<Neuron> out = new ArrayList<>();
        for (Neuron n : neurons) {
            out.add(new Neuron(-n.weight(), n.sign(), n.kink()));
        }
        return new OneLayerForm(-bias, -linear, out);
    }

    /** The relucert network: input -> hidden (affine, n rows) -> relu -> output (reads relu and, if c != 0, input). */
    public Network toNetwork() {
        NetBuilder b = new NetBuilder(1);
        int n = neurons.size();
        if (n == 0) {
            int out = b.affine("out", b.blocks(1).add(Network.INPUT, 0, 0, linear), new double[] {bias});
            return b.build(out);
        }
        NetBuilder.Blocks hidden = b.blocks(n);
        double[] hb = new double[n];
        for (int i = 0; i < n; i++) {
            Neuron nr = neurons.get(i);
            hidden.add(Network.INPUT, i, 0, nr.sign());
            hb[i] = -nr.sign() * nr.kink();
        }
        int pre = b.affine("hidden", hidden, hb);
        int relu = b.relu("relu", pre);
        NetBuilder.Blocks out = b.blocks(1);
        for (int i = 0; i < n; i++) {
            out.add(relu, 0, i, neurons.get(i).weight());
        }
        if (linear != 0) {
            out.add(Network.INPUT, 0, 0, linear);
        }
        return b.build(b.affine("out", out, new double[] {bias}));
    }

    /** Orientation string, one '+' or '-' per neuron in order. */
    public String orientation() {
        StringBuilder sb = new StringBuilder();
        for (Neuron n : neurons) {
            sb.append(n.sign() > 0 ? '+' : '-');
        }
        return sb.toString();
    }
}
