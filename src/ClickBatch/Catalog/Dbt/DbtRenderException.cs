using ClickBatch.Errors;

namespace ClickBatch.Catalog.Dbt;

/// <summary><c>scripts/dbt_render.py</c> could not be run or could not render the dbt project.</summary>
public sealed class DbtRenderException(string message, Exception? innerException = null)
    : ClickBatchException(message, innerException);
