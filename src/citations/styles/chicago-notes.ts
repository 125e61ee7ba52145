/**
 * A Chicago-manner notes style written for dossier: full note on first reference, a short note
 * after it, "Ibid." for the same source in the next note, and legal materials given with their
 * court, number and date.
 */
export const CHICAGO_NOTES = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" default-locale="en-US" demote-non-dropping-particle="sort-only">
  <info>
    <title>dossier: Chicago-manner notes</title>
    <id>https://dossier.invalid/styles/chicago-notes</id>
    <author><name>dossier editors</name></author>
    <category citation-format="note"/>
    <category field="generic-base"/>
    <updated>2026-11-29T00:00:00+00:00</updated>
    <rights>Written for dossier.</rights>
  </info>
  <locale xml:lang="en">
    <terms>
      <term name="page" form="short"><single></single><multiple></multiple></term>
      <term name="paragraph" form="short"><single>para.</single><multiple>paras.</multiple></term>
      <term name="article" form="short"><single>art.</single><multiple>arts.</multiple></term>
      <term name="section" form="short"><single>sec.</single><multiple>secs.</multiple></term>
      <term name="chapter" form="short"><single>chap.</single><multiple>chaps.</multiple></term>
      <term name="note" form="short"><single>n.</single><multiple>nn.</multiple></term>
      <term name="principle" form="short"><single>principle</single><multiple>principles</multiple></term>
      <term name="rule" form="short"><single>rule</single><multiple>rules</multiple></term>
      <term name="appendix" form="short"><single>annex</single><multiple>annexes</multiple></term>
      <term name="ibid">ibid.</term>
    </terms>
  </locale>
  <macro name="authors">
    <names variable="author">
      <name and="text" delimiter=", "/>
      <substitute><names variable="editor"/><text variable="authority"/></substitute>
    </names>
  </macro>
  <macro name="authors-sorted">
    <names variable="author">
      <name and="text" delimiter=", " name-as-sort-order="first"/>
      <substitute><names variable="editor"/><text variable="authority"/></substitute>
    </names>
  </macro>
  <macro name="date">
    <date variable="issued" form="text"/>
  </macro>
  <macro name="locator">
    <group delimiter=" ">
      <label variable="locator" form="short"/>
      <text variable="locator"/>
    </group>
  </macro>
  <macro name="reference">
    <choose>
      <if type="legal_case">
        <group delimiter=", ">
          <text variable="title" font-style="italic"/>
          <text variable="number"/>
          <group delimiter=" ">
            <text variable="volume"/>
            <text variable="container-title"/>
            <text variable="page"/>
          </group>
          <group prefix="(" suffix=")" delimiter=", ">
            <text variable="authority"/>
            <text macro="date"/>
          </group>
        </group>
      </if>
      <else-if type="treaty legislation regulation bill">
        <group delimiter=", ">
          <text variable="title"/>
          <text macro="date"/>
          <group delimiter=" ">
            <text variable="volume"/>
            <text variable="container-title"/>
            <text variable="page"/>
          </group>
        </group>
      </else-if>
      <else-if type="document report">
        <group delimiter=", ">
          <text macro="authors"/>
          <text variable="title" font-style="italic"/>
          <text variable="container-title"/>
          <text variable="number"/>
          <text variable="publisher"/>
          <text macro="date"/>
        </group>
      </else-if>
      <else-if type="webpage post post-weblog">
        <group delimiter=", ">
          <text macro="authors"/>
          <text variable="title" quotes="true"/>
          <text variable="publisher"/>
          <text macro="date"/>
          <text variable="URL"/>
        </group>
      </else-if>
      <else>
        <group delimiter=" ">
          <group delimiter=", ">
            <text macro="authors"/>
            <text variable="title" font-style="italic"/>
          </group>
          <group prefix="(" suffix=")" delimiter=": ">
            <text variable="publisher-place"/>
            <group delimiter=", ">
              <text variable="publisher"/>
              <date variable="issued"><date-part name="year"/></date>
            </group>
          </group>
        </group>
      </else>
    </choose>
  </macro>
  <macro name="short">
    <group delimiter=", ">
      <choose>
        <if type="legal_case treaty legislation regulation bill" match="none">
          <names variable="author"><name form="short" and="text"/></names>
        </if>
      </choose>
      <text variable="title" form="short" font-style="italic"/>
    </group>
  </macro>
  <citation et-al-min="4" et-al-use-first="1">
    <layout delimiter="; " suffix=".">
      <choose>
        <if position="ibid-with-locator">
          <group delimiter=", "><text term="ibid" text-case="capitalize-first"/><text macro="locator"/></group>
        </if>
        <else-if position="ibid"><text term="ibid" text-case="capitalize-first"/></else-if>
        <else-if position="subsequent">
          <group delimiter=", "><text macro="short"/><text macro="locator"/></group>
        </else-if>
        <else>
          <group delimiter=", "><text macro="reference"/><text macro="locator"/></group>
        </else>
      </choose>
    </layout>
  </citation>
  <bibliography hanging-indent="true" entry-spacing="0">
    <sort>
      <key macro="authors-sorted"/>
      <key variable="title"/>
    </sort>
    <layout suffix=".">
      <choose>
        <if type="legal_case treaty legislation regulation bill document">
          <text macro="reference"/>
        </if>
        <else>
          <group delimiter=". ">
            <text macro="authors-sorted"/>
            <text variable="title" font-style="italic"/>
            <group delimiter=", ">
              <text variable="publisher"/>
              <text macro="date"/>
            </group>
          </group>
        </else>
      </choose>
    </layout>
  </bibliography>
</style>
`;
