"""newsanno: news-article text kept byte-exact, with stand-off annotations for entities, quotes,
claims and dates, released as Parquet and Hugging Face datasets."""

__version__ = "0.1.0"
