// The images bucket (contract §3). Private; the API writes objects and presigns reads.
// Linked as Resource.Images.name, with s3:* on this bucket only.
export const images = new sst.aws.Bucket("Images");
