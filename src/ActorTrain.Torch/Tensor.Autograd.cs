using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch;

/// <summary>Autograd: requires_grad, backward, gradients.</summary>
public sealed partial class Tensor
{
    public bool RequiresGrad
    {
        get
        {
            Native.Check(NativeMethods.at_requires_grad(Handle, out var v));
            return v != 0;
        }
        set => Native.Check(NativeMethods.at_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for chaining.</summary>
    public Tensor RequiresGrad_(bool value = true)
    {
        RequiresGrad = value;
        return this;
    }

    public bool IsLeaf
    {
        get
        {
            Native.Check(NativeMethods.at_is_leaf(Handle, out var v));
            return v != 0;
        }
    }

    /// <summary>Backpropagates from a one-element tensor (a loss), as loss.backward().</summary>
    public void Backward(bool retainGraph = false) =>
        Native.Check(NativeMethods.at_backward(Handle, TensorHandle.Null, retainGraph ? 1 : 0));

    /// <summary>
    /// Backpropagates <paramref name="upstreamGradient"/> (same shape as this tensor) through the graph
    /// that produced it: a pipeline stage calls <c>output.Backward(gradFromNextStage)</c>.
    /// </summary>
    public void Backward(Tensor upstreamGradient, bool retainGraph = false) =>
        Native.Check(NativeMethods.at_backward(Handle, upstreamGradient.Handle, retainGraph ? 1 : 0));

    /// <summary>
    /// The accumulated gradient, or null when there is none. Each read returns a new handle to the same
    /// gradient storage, owned by the caller (dispose it); writing through it changes the gradient.
    /// </summary>
    public Tensor? Grad
    {
        get
        {
            Native.Check(NativeMethods.at_grad(Handle, out var g));
            return g == IntPtr.Zero ? null : Wrap(g);
        }
    }

    /// <summary>Replaces the gradient with <paramref name="gradient"/> (shared, not copied); null clears it.</summary>
    public void SetGrad(Tensor? gradient) =>
        Native.Check(NativeMethods.at_set_grad(Handle, gradient?.Handle ?? TensorHandle.Null));

    /// <summary>Zeroes the gradient in place, or drops it when <paramref name="setToNone"/> (the default, as PyTorch 2).</summary>
    public void ZeroGrad(bool setToNone = true) => Native.Check(NativeMethods.at_zero_grad(Handle, setToNone ? 1 : 0));
}
