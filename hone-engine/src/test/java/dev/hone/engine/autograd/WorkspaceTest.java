package dev.hone.engine.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkspaceTest {

    @Test
    void buffersComeBackZeroedAfterAResetAndNeverTwiceInOnePass() {
        Workspace workspace = new Workspace();
        float[] first = workspace.take(8);
        float[] second = workspace.take(8);
        assertThat(second).isNotSameAs(first);
        first[3] = 5f;
        workspace.reset();
        float[] again = workspace.take(8);
        assertThat(again == first || again == second).isTrue();
        assertThat(again).containsOnly(0f);
        float[] other = workspace.take(8);
        assertThat(other == first || other == second).isTrue();
        assertThat(other).isNotSameAs(again);
        float[] fresh = workspace.take(8);
        assertThat(fresh != first && fresh != second).isTrue();
    }

    @Test
    void buffersGivenBackInAPassServeTheRestOfItButNeverTheLiveOne() {
        Workspace workspace = new Workspace();
        float[] first = workspace.take(8);
        float[] second = workspace.take(8);
        float[] live = workspace.take(8);
        second[1] = 3f;
        workspace.keepOnly(live);
        float[] a = workspace.take(8);
        float[] b = workspace.take(8);
        assertThat(java.util.List.of(a, b)).containsExactlyInAnyOrder(first, second);
        assertThat(a).containsOnly(0f);
        assertThat(b).containsOnly(0f);
        assertThat(workspace.take(8)).isNotSameAs(live).isNotSameAs(first).isNotSameAs(second);
        workspace.reset();
        // All four buffers the pass used serve the next one; a fifth is new.
        java.util.Set<float[]> next = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < 4; i++) next.add(workspace.take(8));
        assertThat(next).hasSize(4).contains(first, second, live);
    }

    @Test
    void buffersUnusedForAWholePassAreDropped() {
        Workspace workspace = new Workspace();
        float[] small = workspace.take(4);
        workspace.reset();
        workspace.take(16);
        workspace.reset();
        workspace.reset();
        assertThat(workspace.take(4)).isNotSameAs(small);
    }

    @Test
    void inferenceWithAWorkspaceGivesTheSameResultsAsWithout() {
        var kernels = new dev.hone.engine.kernel.ReferenceKernels();
        var x = dev.hone.engine.tensor.Tensor.of(new float[] {1, -2, 3, 0.5f, 2, -1}, 2, 3);
        var w = dev.hone.engine.tensor.Tensor.of(new float[] {0.1f, 0.2f, 0.3f, -0.4f, 0.5f, -0.6f}, 2, 3);
        float[] plain = Graph.inference(kernels).gelu(Graph.inference(kernels).linear(x, w, null)).data().clone();
        Workspace workspace = new Workspace();
        for (int pass = 0; pass < 3; pass++) {
            Graph graph = Graph.inference(kernels, workspace);
            assertThat(graph.gelu(graph.linear(x, w, null)).data()).containsExactly(plain);
            workspace.reset();
        }
    }
}
