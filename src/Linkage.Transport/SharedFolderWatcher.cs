namespace Linkage.Transport;

/// <summary>
/// One <see cref="FileSystemWatcher"/> per folder for the whole process, shared by everything that watches a file in
/// it. On Linux each watcher is an inotify instance, and a user has 128 of them by default
/// (fs.inotify.max_user_instances): a platform node whose hundred institutions each watched their revocation list
/// would fail to start the later ones (ADR 0011). The first subscriber of a folder starts its watcher, the last one
/// to leave stops it.
/// </summary>
internal static class SharedFolderWatcher
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Folder> Folders = new(StringComparer.Ordinal);

    /// <summary>
    /// Calls <paramref name="onChange"/> with the full path of each file created, changed or renamed onto in
    /// <paramref name="folder"/>, until the returned subscription is disposed.
    /// </summary>
    public static IDisposable Subscribe(string folder, Action<string> onChange)
    {
        folder = Path.GetFullPath(folder);
        lock (Gate)
        {
            if (!Folders.TryGetValue(folder, out var shared)) Folders[folder] = shared = new Folder(folder);
            shared.Subscribers = [.. shared.Subscribers, onChange];
            return new Subscription(folder, onChange);
        }
    }

    private sealed class Folder
    {
        public Folder(string path)
        {
            Watcher = new FileSystemWatcher(path)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            // An atomic replacement arrives as a rename onto the file; an editor's write as changes.
            Watcher.Changed += OnFileEvent;
            Watcher.Created += OnFileEvent;
            Watcher.Renamed += OnFileEvent;
            Watcher.EnableRaisingEvents = true;
        }

        public FileSystemWatcher Watcher { get; }

        /// <summary>Replaced, never changed in place, under <see cref="Gate"/>: an event reads the array of its moment.</summary>
        public volatile Action<string>[] Subscribers = [];

        private void OnFileEvent(object sender, FileSystemEventArgs change)
        {
            foreach (var subscriber in Subscribers) subscriber(change.FullPath);
        }
    }

    private sealed class Subscription(string folder, Action<string> onChange) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            lock (Gate)
            {
                if (!Folders.TryGetValue(folder, out var shared)) return;
                var index = Array.IndexOf(shared.Subscribers, onChange);
                if (index >= 0) shared.Subscribers = [.. shared.Subscribers[..index], .. shared.Subscribers[(index + 1)..]];
                if (shared.Subscribers.Length > 0) return;
                Folders.Remove(folder);
                shared.Watcher.Dispose();
            }
        }
    }
}
