#!/usr/bin/python3
"""The peer of `npm run bench -- --case process`: the script an editor would write instead of sift.

Fetches every feed URL listed in the file named by the first argument (one a line) at once with
httpx's async client, parses each body with feedparser as it arrives, and prints one JSON line:
{"feeds": N, "entries": N, "failed": N}. Nothing is stored, deduplicated or normalized: this is
the floor of "fetch and parse", timed as a whole process (interpreter start-up and imports
included), as a user times `sift collect`.

Runs with Debian's python3-httpx and python3-feedparser (/usr/bin/python3).
"""
import asyncio
import json
import sys

import feedparser
import httpx


async def fetch_and_parse(client: httpx.AsyncClient, url: str) -> int:
    response = await client.get(url)
    response.raise_for_status()
    parsed = feedparser.parse(response.content, response_headers={"content-type": response.headers.get("content-type", "")})
    return len(parsed.entries)


async def main(list_file: str) -> None:
    with open(list_file, encoding="utf-8") as handle:
        urls = [line.strip() for line in handle if line.strip()]
    # httpx's default pool (100 connections) and a generous timeout, as a script would leave them.
    async with httpx.AsyncClient(timeout=60, follow_redirects=True) as client:
        results = await asyncio.gather(*(fetch_and_parse(client, url) for url in urls), return_exceptions=True)
    failed = [result for result in results if isinstance(result, BaseException)]
    for error in failed[:5]:
        print(f"peer: {type(error).__name__}: {error}", file=sys.stderr)
    entries = sum(result for result in results if isinstance(result, int))
    print(json.dumps({"feeds": len(urls), "entries": entries, "failed": len(failed)}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: peer-fetch-parse.py URL_LIST_FILE")
    asyncio.run(main(sys.argv[1]))
