# The job creates and updates its tables and partitions itself (no crawler); terraform owns only the database.
resource "aws_glue_catalog_database" "lake" {
  name        = var.glue_database
  description = "ClickBatch Delta tables on s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}, read through symlink manifests by Redshift Spectrum."
}
