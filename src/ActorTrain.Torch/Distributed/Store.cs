using System.Runtime.InteropServices;
using System.Text;
using ActorTrain.Torch.Interop;

namespace ActorTrain.Torch.Distributed;

/// <summary>
/// A c10d key-value store shared by every rank: rendezvous for process groups, membership,
/// heartbeats and small control values. Reads that wait (<see cref="Get"/>) give up after
/// <see cref="Timeout"/>; every failure is a <see cref="DistributedException"/>. Thread-safe, but
/// one connection serves one call at a time: while a <see cref="Get"/> or <see cref="Wait"/> waits
/// for a key, other calls on the same connection (and its prefix views) wait behind it (measured: a
/// Set queued behind a waiting Get until the Get timed out). Give a thread that waits its own
/// <see cref="TcpStore.Connect"/>.
/// </summary>
public abstract class Store : IDisposable
{
    private readonly StoreHandle _handle;
    private readonly string _description;

    private protected Store(StoreHandle handle, TimeSpan timeout, string description)
    {
        _handle = handle;
        Timeout = timeout;
        _description = description;
    }

    /// <summary>How long <see cref="Get"/> waits for a key that is not there yet.</summary>
    public TimeSpan Timeout { get; }

    internal StoreHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    public unsafe void Set(string key, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        fixed (byte* data = value)
            ThrowIfFailed(NativeMethods.at_store_set(Handle, key, data, value.Length), "set", key);
    }

    /// <summary>Stores <paramref name="value"/> as UTF-8.</summary>
    public void SetString(string key, string value) => Set(key, Encoding.UTF8.GetBytes(value));

    /// <summary>The key's value, waiting up to <see cref="Timeout"/> for another rank to set it.</summary>
    public byte[] Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var status = NativeMethods.at_store_get(Handle, key, out var data, out var length);
        if (status != 0)
            throw DistributedException.FromStatus(status, $"{_description}: get '{key}' (waiting up to {Timeout.TotalMilliseconds:F0} ms)");
        try
        {
            var value = new byte[length];
            Marshal.Copy(data, value, 0, value.Length);
            return value;
        }
        finally
        {
            NativeMethods.at_store_free_bytes(data);
        }
    }

    /// <summary>The key's value read as UTF-8, waiting like <see cref="Get"/>.</summary>
    public string GetString(string key) => Encoding.UTF8.GetString(Get(key));

    /// <summary>Atomically adds <paramref name="delta"/> to the key's counter (0 when absent) and returns the new value.</summary>
    public long Add(string key, long delta)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfFailed(NativeMethods.at_store_add(Handle, key, delta, out var value), "add", key);
        return value;
    }

    /// <summary>Whether every key is set now; does not wait.</summary>
    public bool Check(IReadOnlyList<string> keys)
    {
        var array = KeyArray(keys);
        ThrowIfFailed(NativeMethods.at_store_check(Handle, array, array.Length, out var ready), "check", array);
        return ready != 0;
    }

    /// <summary>Blocks until every key is set; throws <see cref="DistributedException"/> after <paramref name="timeout"/>.</summary>
    public void Wait(IReadOnlyList<string> keys, TimeSpan timeout)
    {
        var array = KeyArray(keys);
        var ms = Timeouts.ToMilliseconds(timeout, nameof(timeout));
        ThrowIfFailed(NativeMethods.at_store_wait(Handle, array, array.Length, ms), $"wait up to {ms} ms for", array);
    }

    /// <summary>Removes the key; false when it was not there.</summary>
    public bool DeleteKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfFailed(NativeMethods.at_store_delete_key(Handle, key, out var deleted), "delete", key);
        return deleted != 0;
    }

    /// <summary>
    /// A view of this store that puts <paramref name="prefix"/> + "/" in front of every key. A group
    /// rebuilt under a new generation gets a fresh prefix, so its rendezvous keys never meet the old
    /// group's. The view keeps the underlying store open until both are disposed.
    /// </summary>
    public PrefixStore WithPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ThrowIfFailed(NativeMethods.at_store_prefix_create(Handle, prefix, out var prefixed), "prefix", prefix);
        return new PrefixStore(new StoreHandle(prefixed), Timeout, $"{_description} prefix '{prefix}'");
    }

    public void Dispose() => _handle.Dispose();

    public override string ToString() => _description;

    private void ThrowIfFailed(int status, string operation, params ReadOnlySpan<string> keys)
    {
        if (status != 0)
            throw DistributedException.FromStatus(status, $"{_description}: {operation} '{string.Join("', '", keys)}'");
    }

    private static string[] KeyArray(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var array = keys.ToArray();
        foreach (var key in array) ArgumentNullException.ThrowIfNull(key, nameof(keys));
        return array;
    }
}
