using ClickBatch.Errors;

namespace ClickBatch.Storage;

/// <summary>An object that was expected to exist is missing.</summary>
public sealed class ObjectNotFoundException : ClickBatchException
{
    public ObjectNotFoundException(Uri uri, Exception? innerException = null)
        : base("Expected object " + uri + " to exist, but it was not found. Check the table URI and that nothing deleted it.", innerException)
    {
        With("Uri", uri.ToString());
    }
}
