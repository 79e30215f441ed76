using System.Runtime.InteropServices;

namespace ActorTrain.Torch.Interop;

/// <summary>P/Invoke declarations for at_c10d.cpp: TCPStore, PrefixStore and ProcessGroupGloo.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int at_store_tcp_create(string host, int port, int isServer, long timeoutMs, out IntPtr store, out int boundPort);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int at_store_prefix_create(StoreHandle store, string prefix, out IntPtr prefixed);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int at_store_set(StoreHandle store, string key, byte* data, long length);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int at_store_get(StoreHandle store, string key, out IntPtr data, out long length);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int at_store_add(StoreHandle store, string key, long delta, out long value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int at_store_check(StoreHandle store, string[] keys, int count, out int ready);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int at_store_wait(StoreHandle store, string[] keys, int count, long timeoutMs);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int at_store_delete_key(StoreHandle store, string key, out int deleted);

    [LibraryImport(Lib)]
    internal static partial void at_store_free_bytes(IntPtr data);

    [LibraryImport(Lib)]
    internal static partial void at_store_free(IntPtr store);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int at_group_gloo_create(StoreHandle store, int rank, int size, string localHost, long timeoutMs, out IntPtr group);

    [LibraryImport(Lib)]
    internal static partial int at_group_send(ProcessGroupHandle group, TensorHandle tensor, int dst, int tag, long timeoutMs);

    [LibraryImport(Lib)]
    internal static partial int at_group_recv(ProcessGroupHandle group, TensorHandle tensor, int src, int tag, long timeoutMs);

    [LibraryImport(Lib)]
    internal static partial int at_group_allreduce(ProcessGroupHandle group, TensorHandle tensor, int op, long timeoutMs);

    [LibraryImport(Lib)]
    internal static partial int at_group_broadcast(ProcessGroupHandle group, TensorHandle tensor, int root, long timeoutMs);

    [LibraryImport(Lib)]
    internal static partial int at_group_barrier(ProcessGroupHandle group, long timeoutMs);

    [LibraryImport(Lib)]
    internal static partial void at_group_free(IntPtr group);
}
