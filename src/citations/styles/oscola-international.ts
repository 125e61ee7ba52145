/**
 * dossier's default citation style: a CSL note style written for this project, following the
 * rules OSCOLA sets for international legal materials — treaties with their UNTS reference, UN
 * documents with their symbols, judgments with case number, court, date and pinpoint, EU
 * legislation with its Official Journal reference, `ibid` and `(n X)` for later references.
 */
export const OSCOLA_INTERNATIONAL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" default-locale="en-GB" demote-non-dropping-particle="never">
  <info>
    <title>dossier: OSCOLA rules for international materials</title>
    <id>https://dossier.invalid/styles/oscola-international</id>
    <author><name>dossier editors</name></author>
    <category citation-format="note"/>
    <category field="law"/>
    <updated>2026-11-29T00:00:00+00:00</updated>
    <rights>Written for dossier.</rights>
  </info>
  <locale xml:lang="en">
    <terms>
      <term name="page" form="short"><single></single><multiple></multiple></term>
      <term name="paragraph" form="short"><single>para</single><multiple>paras</multiple></term>
      <term name="article" form="short"><single>art</single><multiple>arts</multiple></term>
      <term name="section" form="short"><single>s</single><multiple>ss</multiple></term>
      <term name="chapter" form="short"><single>ch</single><multiple>chs</multiple></term>
      <term name="note" form="short"><single>n</single><multiple>nn</multiple></term>
      <term name="volume" form="short"><single>vol</single><multiple>vols</multiple></term>
      <term name="principle" form="short"><single>principle</single><multiple>principles</multiple></term>
      <term name="rule" form="short"><single>r</single><multiple>rr</multiple></term>
      <term name="number" form="short"><single>no</single><multiple>nos</multiple></term>
      <term name="part" form="short"><single>pt</single><multiple>pts</multiple></term>
      <term name="appendix" form="short"><single>annex</single><multiple>annexes</multiple></term>
      <term name="line" form="short"><single>l</single><multiple>ll</multiple></term>
      <term name="ibid">ibid</term>
      <term name="open-inner-quote">‘</term>
      <term name="close-inner-quote">’</term>
      <term name="open-quote">‘</term>
      <term name="close-quote">’</term>
    </terms>
    <date form="text">
      <date-part name="day" suffix=" "/>
      <date-part name="month" suffix=" "/>
      <date-part name="year"/>
    </date>
  </locale>
  <macro name="names">
    <names variable="author">
      <name and="text" delimiter=", " delimiter-precedes-last="never" initialize="false"/>
      <substitute><names variable="editor"/></substitute>
    </names>
  </macro>
  <macro name="names-sort">
    <names variable="author">
      <name name-as-sort-order="all" sort-separator=" " and="text" delimiter=", " delimiter-precedes-last="never"/>
      <substitute><names variable="editor"/></substitute>
    </names>
  </macro>
  <macro name="full-date">
    <date variable="issued" form="text" date-parts="year-month-day"/>
  </macro>
  <macro name="year">
    <date variable="issued"><date-part name="year"/></date>
  </macro>
  <macro name="pinpoint">
    <group delimiter=" ">
      <label variable="locator" form="short"/>
      <text variable="locator"/>
    </group>
  </macro>
  <macro name="title-italic">
    <text variable="title" font-style="italic"/>
  </macro>
  <macro name="case-reference">
    <choose>
      <if variable="container-title">
        <!-- A reported judgment: [year] volume report page. -->
        <group delimiter=" ">
          <text macro="title-italic"/>
          <text variable="genre" prefix="(" suffix=")"/>
          <text macro="year" prefix="[" suffix="]"/>
          <text variable="volume"/>
          <text variable="container-title" form="short"/>
          <text variable="page"/>
        </group>
      </if>
      <else>
        <!-- An unreported judgment: case number, then court and date in brackets. -->
        <group delimiter=" ">
          <text macro="title-italic"/>
          <text variable="genre" prefix="(" suffix=")"/>
          <text variable="number"/>
          <group delimiter=", " prefix="(" suffix=")">
            <text variable="authority"/>
            <text macro="full-date"/>
          </group>
        </group>
      </else>
    </choose>
  </macro>
  <macro name="treaty-reference">
    <group delimiter=" ">
      <text variable="title"/>
      <group prefix="(" suffix=")" delimiter=" ">
        <text value="adopted"/>
        <text macro="full-date"/>
      </group>
      <text variable="volume"/>
      <text variable="container-title" form="short"/>
      <text variable="page"/>
    </group>
  </macro>
  <macro name="legislation-reference">
    <group delimiter=" ">
      <text variable="title"/>
      <text macro="year" prefix="[" suffix="]"/>
      <text variable="container-title" form="short"/>
      <group delimiter="/">
        <text variable="volume" strip-periods="true"/>
        <text variable="page"/>
      </group>
    </group>
  </macro>
  <macro name="document-reference">
    <group delimiter=" ">
      <group delimiter=", ">
        <choose>
          <if variable="author"><text macro="names"/></if>
          <else><text variable="authority"/></else>
        </choose>
        <text variable="title" quotes="true"/>
      </group>
      <text macro="full-date" prefix="(" suffix=")"/>
      <text variable="number"/>
    </group>
  </macro>
  <macro name="report-reference">
    <group delimiter=" ">
      <group delimiter=", ">
        <text macro="names"/>
        <text macro="title-italic"/>
      </group>
      <text variable="container-title" prefix="in "/>
      <group prefix="(" suffix=")" delimiter=", ">
        <text variable="publisher"/>
        <text variable="number"/>
        <text macro="full-date"/>
      </group>
    </group>
  </macro>
  <macro name="book-reference">
    <group delimiter=" ">
      <group delimiter=", ">
        <text macro="names"/>
        <text macro="title-italic"/>
      </group>
      <group prefix="(" suffix=")" delimiter=" ">
        <text variable="publisher"/>
        <text macro="year"/>
      </group>
    </group>
  </macro>
  <macro name="web-reference">
    <group delimiter=" ">
      <group delimiter=", ">
        <text macro="names"/>
        <text variable="title" quotes="true"/>
      </group>
      <group prefix="(" suffix=")" delimiter=", ">
        <text variable="publisher"/>
        <text macro="full-date"/>
      </group>
      <text variable="URL" prefix="&lt;" suffix="&gt;"/>
    </group>
  </macro>
  <macro name="full-reference">
    <choose>
      <if type="legal_case"><text macro="case-reference"/></if>
      <else-if type="treaty"><text macro="treaty-reference"/></else-if>
      <else-if type="legislation regulation bill"><text macro="legislation-reference"/></else-if>
      <else-if type="document"><text macro="document-reference"/></else-if>
      <else-if type="report"><text macro="report-reference"/></else-if>
      <else-if type="webpage post post-weblog article-newspaper"><text macro="web-reference"/></else-if>
      <else><text macro="book-reference"/></else>
    </choose>
  </macro>
  <macro name="short-reference">
    <choose>
      <if type="legal_case treaty legislation regulation bill document">
        <text variable="title" form="short" font-style="italic"/>
      </if>
      <else>
        <group delimiter=", ">
          <names variable="author"><name form="short" and="text"/></names>
          <text variable="title" form="short" font-style="italic"/>
        </group>
      </else>
    </choose>
  </macro>
  <macro name="sort-key">
    <choose>
      <if type="legal_case treaty legislation regulation bill"><text variable="title"/></if>
      <else><text macro="names-sort"/><text variable="title"/></else>
    </choose>
  </macro>
  <citation et-al-min="4" et-al-use-first="1">
    <layout delimiter="; " suffix=".">
      <choose>
        <if position="ibid-with-locator">
          <group delimiter=", "><text term="ibid"/><text macro="pinpoint"/></group>
        </if>
        <else-if position="ibid"><text term="ibid"/></else-if>
        <else-if position="subsequent">
          <group delimiter=", ">
            <group delimiter=" ">
              <text macro="short-reference"/>
              <text variable="first-reference-note-number" prefix="(n " suffix=")"/>
            </group>
            <text macro="pinpoint"/>
          </group>
        </else-if>
        <else>
          <group delimiter=", ">
            <text macro="full-reference"/>
            <text macro="pinpoint"/>
          </group>
        </else>
      </choose>
    </layout>
  </citation>
  <bibliography hanging-indent="true">
    <sort><key macro="sort-key"/></sort>
    <layout>
      <choose>
        <if type="legal_case treaty legislation regulation bill document report webpage">
          <text macro="full-reference"/>
        </if>
        <else>
          <group delimiter=", ">
            <text macro="names-sort"/>
            <text macro="title-italic"/>
          </group>
          <group prefix=" (" suffix=")" delimiter=" ">
            <text variable="publisher"/>
            <text macro="year"/>
          </group>
        </else>
      </choose>
    </layout>
  </bibliography>
</style>
`;
